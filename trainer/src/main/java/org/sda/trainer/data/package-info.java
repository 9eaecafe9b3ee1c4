/** Training batches from imported clips: augmented crops and their features, computed with the engine's DSP. */
package org.sda.trainer.data;
