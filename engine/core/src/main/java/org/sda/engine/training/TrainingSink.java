package org.sda.engine.training;

/**
 * Where a training run's events go: a person's terminal, JSON lines on stdout, a window. Called on
 * the training thread (and the main thread for the last events); an implementation that touches
 * Swing hands the event to the event thread itself.
 */
@FunctionalInterface
public interface TrainingSink {

    TrainingSink NONE = event -> {
    };

    void accept(TrainingEvent event);
}
