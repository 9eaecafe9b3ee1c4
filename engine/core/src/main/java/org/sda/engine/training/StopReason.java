package org.sda.engine.training;

import java.util.Locale;

/**
 * Why a training loop stopped, for the RVQ-VAE and the prior alike. The label is what the JSON
 * events and the model's manifest carry; {@link #of(String)} also reads the labels that older
 * trainers wrote.
 */
public enum StopReason {
    /** Validation stopped improving for long enough; the best weights were kept. */
    EARLY_STOPPING("early stopping"),
    /** The time budget ran out. */
    TIME_BUDGET("time budget"),
    /** The most epochs allowed were trained. */
    EPOCH_LIMIT("epoch limit"),
    /** The most steps allowed were trained (tests and experiments). */
    STEP_LIMIT("step limit"),
    /** Cancelled (Ctrl-C, SIGTERM, Cancel): a checkpoint was written where the trainer keeps one. */
    INTERRUPTED("interrupted");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    /** The words the events and the manifest carry, e.g. {@code "time budget"}. */
    public String label() {
        return label;
    }

    /** The reason a label names; {@code "epochs"} and {@code "max steps"} are the RVQ-VAE trainer's older labels. */
    public static StopReason of(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (StopReason r : values()) {
            if (r.label.equals(l) || r.name().equalsIgnoreCase(l)) {
                return r;
            }
        }
        return switch (l) {
            case "epochs" -> EPOCH_LIMIT;
            case "max steps" -> STEP_LIMIT;
            default -> throw new IllegalArgumentException("unknown stop reason: " + label);
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
