package org.sda.engine.training;

import java.util.List;
import org.sda.engine.model.SdaManifest;

/**
 * One thing a training run reports. The trainer emits these to a {@link TrainingSink}; as JSON lines
 * they are the {@code --progress json} protocol ({@link TrainingEventJson}). Numbers a stage does not
 * have are {@code NaN} (and absent from the JSON).
 */
public sealed interface TrainingEvent {

    /** The JSON {@code event} name. */
    String name();

    /**
     * A stage begins (or resumes at {@code step}); {@code plannedSteps} is the most it can run, though
     * its time budget ({@code budgetMinutes}) or early stopping usually ends it sooner.
     */
    record Started(Stage stage, long step, long plannedSteps, double budgetMinutes) implements TrainingEvent {
        public String name() {
            return "started";
        }
    }

    /** Every few steps. {@code epoch} is -1 for the prior, which counts epochs only at evaluations. */
    record Step(Stage stage, long step, int epoch, double loss, double stepsPerSecond) implements TrainingEvent {
        public String name() {
            return "step";
        }
    }

    /**
     * After each evaluation. The RVQ-VAE reports losses; the prior also its perplexities per token.
     *
     * @param best whether these weights are the best so far (kept)
     */
    record Epoch(Stage stage, int epoch, long step, double trainLoss, double validationLoss, double trainPerplexity,
                 double validationPerplexity, boolean best, double seconds) implements TrainingEvent {
        public String name() {
            return "epoch";
        }
    }

    /** Codebook use per level (coarse first), after each RVQ-VAE epoch. */
    record Health(int epoch, List<SdaManifest.LevelHealth> levels) implements TrainingEvent {
        public Health {
            levels = List.copyOf(levels);
        }

        public String name() {
            return "health";
        }
    }

    /** Something the user should know (low codebook use, memorisation, a missing analysis). */
    record Warning(String message) implements TrainingEvent {
        public String name() {
            return "warning";
        }
    }

    /** A line of information for a person (what is being trained, per-level perplexities). */
    record Info(String message) implements TrainingEvent {
        public String name() {
            return "info";
        }
    }

    /** A resumable checkpoint was written. */
    record Checkpoint(String file, long step) implements TrainingEvent {
        public String name() {
            return "checkpoint";
        }
    }

    /** Reconstruction measured after training ({@code --evaluate N}), in dB of spectral convergence. */
    record Evaluation(int clips, double spectralConvergenceDb, double ceilingDb, double gapDb, double magnitudeDb)
            implements TrainingEvent {
        public String name() {
            return "evaluation";
        }
    }

    /**
     * A stage finished and wrote {@code model}. The prior adds its architecture, perplexities and the
     * share of generated code 8-grams copied from the training sounds.
     */
    record Done(Stage stage, String model, StopReason stoppedBecause, int epochs, long steps, double minutes,
                double validationLoss, String architecture, double trainPerplexity, double validationPerplexity,
                double copyRate, double distinct) implements TrainingEvent {
        public String name() {
            return "done";
        }
    }

    /** The run failed; the message names the file and the problem. */
    record Error(String message) implements TrainingEvent {
        public String name() {
            return "error";
        }
    }
}
