package org.sda.trainer.prior;

/** What prior training reports, called on the training thread. Every method has an empty default. */
public interface PriorListener {

    PriorListener NONE = new PriorListener() {
    };

    /** Training begins; {@code plannedSteps} is the most it can run. */
    default void started(long plannedSteps) {
    }

    /** Every few steps: the training loss (label-smoothed cross-entropy, nats per token). */
    default void step(long step, double loss, double stepsPerSecond) {
    }

    /**
     * After each evaluation ("epoch": about one pass over the training tokens).
     *
     * @param trainPerplexity per token on training windows, without dropout or smoothing
     * @param validationPerplexity the same on the validation sounds
     * @param best whether these weights are the best so far (kept)
     */
    default void epoch(int epoch, long step, double trainLoss, double trainPerplexity, double validationPerplexity,
                       boolean best, double elapsedSeconds) {
    }

    default void warning(String message) {
    }
}
