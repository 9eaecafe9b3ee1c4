/**
 * The trainer's API: {@link org.sda.trainer.pipeline.TrainingRun} takes a request (records and enums,
 * not an argument list), reports typed {@link org.sda.engine.training.TrainingEvent}s to a sink and
 * returns a result. {@code TrainerMain}, {@code PriorMain} (and through them {@code sda train} and the
 * trainer app, which run the trainer as a child process) all drive it.
 */
package org.sda.trainer.pipeline;
