/**
 * Augmentations for small datasets: random crop, gain, time shift, mute, polarity and pitch
 * shift, each an {@link org.sda.engine.dataset.augment.Augmentation} that can be composed and
 * given a probability. They operate on model-rate mono audio and never modify their input.
 */
package org.sda.engine.dataset.augment;
