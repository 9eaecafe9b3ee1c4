/**
 * What a training run reports, as typed events ({@link org.sda.engine.training.TrainingEvent}) with
 * one JSON codec ({@link org.sda.engine.training.TrainingEventJson}). The trainer process writes
 * them to its stdout as JSON lines ({@code --progress json}); {@code sda train} and the trainer app
 * read the lines back into the same records. No PyTorch here: both sides share the definition.
 */
package org.sda.engine.training;
