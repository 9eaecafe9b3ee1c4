package org.sda.trainer.vqvae;

import java.nio.file.Path;
import java.util.List;

/** What training reports, called on the training thread. Every method has an empty default. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** Training begins (or resumes at {@code step}); {@code plannedSteps} is the most it can run. */
    default void started(long step, long plannedSteps, int stepsPerEpoch) {
    }

    /** Every few steps. */
    default void step(long step, int epoch, double loss, double stepsPerSecond) {
    }

    /** After each epoch's validation. */
    default void epoch(int epoch, long step, double trainLoss, double validationLoss, boolean best,
                       double elapsedSeconds) {
    }

    /** Codebook health per level, after each epoch. */
    default void health(int epoch, List<CodebookHealth> levels) {
    }

    default void warning(String message) {
    }

    default void checkpoint(Path file, long step) {
    }
}
