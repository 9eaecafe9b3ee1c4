package org.sda.trainer.pipeline;

import org.sda.engine.dataset.SizeClass;

/**
 * The default time budgets of {@code sda train}: the whole run (import, RVQ-VAE, prior, choosing
 * the sampling temperature, writing) within 10 minutes for up to 100 sounds and 30 for up to 500
 * on a 2-core laptop. The RVQ-VAE gets 60 % of it, the prior 30 % (it usually stops early on its
 * held-out sounds), and the rest is left for the steps around them.
 */
public final class TrainingBudget {

    private TrainingBudget() {
    }

    /** The whole run's budget, minutes. */
    public static double totalMinutes(SizeClass size) {
        return size == SizeClass.LARGE ? 30 : 10;
    }

    public static double vqVaeMinutes(SizeClass size) {
        return 0.6 * totalMinutes(size);
    }

    public static double priorMinutes(SizeClass size) {
        return 0.3 * totalMinutes(size);
    }
}
