package org.sda.engine.instrument;

import java.util.List;

/**
 * Every automatable parameter of the instrument: the one source of truth. The VST3 shim's native
 * parameter table is generated from this enum at build time, so a host can list parameters
 * without starting a JVM. Ids are stable across versions: they are stored in DAW projects.
 *
 * <p>Values are "plain" in the parameter's unit; hosts see them normalized to [0, 1] linearly
 * between {@code min} and {@code max}. A {@code stepCount} above 0 makes the parameter discrete
 * with {@code stepCount + 1} values (VST3's convention); 1 is a switch.
 */
public enum InstrumentParameter {
    GAIN(0, "Gain", "Gain", "dB", -60, 6, 0, 0),
    TEMPERATURE(1, "Temperature", "Temp", "", 0.1, 2.0, 1.0, 0),
    TOP_K(2, "Top-k", "TopK", "", 0, 256, 0, 256),
    TOP_P(3, "Top-p", "TopP", "", 0.05, 1.0, 0.95, 0),
    VARIATION_SEED(4, "Variation seed", "Seed", "", 0, 999, 0, 999),
    VARIATION_LOCK(5, "Variation lock", "Lock", "", 0, 1, 0, 1),
    ATTACK(6, "Attack", "Atk", "ms", 0, 2000, 2, 0),
    DECAY(7, "Decay", "Dec", "ms", 0, 5000, 0, 0),
    SUSTAIN(8, "Sustain", "Sus", "%", 0, 100, 100, 0),
    RELEASE(9, "Release", "Rel", "ms", 0, 5000, 200, 0),
    KEYTRACK(10, "Keytrack", "KeyTr", "", 0, 1, 1, 1),
    ROOT_NOTE(11, "Root note", "Root", "", 0, 127, 60, 127),
    POOL_SIZE(12, "Pool size", "Pool", "", 1, 64, 16, 63),
    PITCH_BEND(13, "Pitch bend", "Bend", "st", -2, 2, 0, 0),
    MOD_WHEEL(14, "Mod wheel", "Mod", "%", 0, 100, 0, 0),
    /** The model's first musical control axis (its strongest); ±100 % reach the edges of its safe range. */
    CONTROL_1(15, "Control 1", "Ctl1", "%", -100, 100, 0, 0),
    CONTROL_2(16, "Control 2", "Ctl2", "%", -100, 100, 0, 0),
    CONTROL_3(17, "Control 3", "Ctl3", "%", -100, 100, 0, 0);

    /** The control parameters, in axis order. */
    public static final List<InstrumentParameter> CONTROLS = List.of(CONTROL_1, CONTROL_2, CONTROL_3);

    private final int id;
    private final String title;
    private final String shortTitle;
    private final String units;
    private final double min;
    private final double max;
    private final double defaultValue;
    private final int stepCount;

    InstrumentParameter(int id, String title, String shortTitle, String units, double min, double max,
                        double defaultValue, int stepCount) {
        this.id = id;
        this.title = title;
        this.shortTitle = shortTitle;
        this.units = units;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
        this.stepCount = stepCount;
    }

    public int id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String shortTitle() {
        return shortTitle;
    }

    public String units() {
        return units;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double defaultValue() {
        return defaultValue;
    }

    public int stepCount() {
        return stepCount;
    }

    /** Plain value → [0, 1], clamped; discrete parameters land on a step. */
    public double toNormalized(double plain) {
        double n = (Math.min(max, Math.max(min, plain)) - min) / (max - min);
        return stepCount > 0 ? Math.round(n * stepCount) / (double) stepCount : n;
    }

    /** [0, 1] → plain value, clamped; discrete parameters land on a step. */
    public double toPlain(double normalized) {
        double n = Math.min(1, Math.max(0, normalized));
        if (stepCount > 0) {
            n = Math.round(n * stepCount) / (double) stepCount;
        }
        return min + n * (max - min);
    }

    public double defaultNormalized() {
        return toNormalized(defaultValue);
    }

    /** The parameter with this id. */
    public static InstrumentParameter byId(int id) {
        for (InstrumentParameter p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        throw new IllegalArgumentException("no instrument parameter with id " + id);
    }
}
