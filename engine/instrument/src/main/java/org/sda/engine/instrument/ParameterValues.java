package org.sda.engine.instrument;

/**
 * The current value of every {@link InstrumentParameter}, normalized to [0, 1], shared by the
 * render thread (which applies host automation), the generation workers (which read the sampling
 * settings and the seed) and the host's main thread (state, UI). Each value is one volatile
 * double, so reads and writes from any thread are safe, lock-free and allocate nothing (not an
 * {@code AtomicLongArray}: its VarHandle may compile a lambda form on the render thread); there is no
 * consistency across parameters, and none is needed: each one is meaningful on its own.
 */
final class ParameterValues {

    private static final InstrumentParameter[] ALL = InstrumentParameter.values();

    private final Value[] normalized = new Value[ALL.length];

    ParameterValues() {
        for (InstrumentParameter p : ALL) {
            normalized[p.id()] = new Value(p.defaultNormalized());
        }
    }

    static int count() {
        return ALL.length;
    }

    /** Whether {@code id} names a parameter; checked before any access, since throwing allocates. */
    static boolean isValid(int id) {
        return id >= 0 && id < ALL.length;
    }

    /** The normalized value; {@code id} must be valid. */
    double normalized(int id) {
        return normalized[id].value;
    }

    double normalized(InstrumentParameter p) {
        return normalized(p.id());
    }

    /** The value in the parameter's unit (discrete parameters on a step). */
    double plain(InstrumentParameter p) {
        return p.toPlain(normalized(p.id()));
    }

    /** Discrete parameters as an integer (rounded plain value). */
    int integer(InstrumentParameter p) {
        return (int) Math.round(plain(p));
    }

    /** Switches: whether the value is on. */
    boolean on(InstrumentParameter p) {
        return normalized(p.id()) >= 0.5;
    }

    /** Sets a normalized value, clamped to [0, 1]; NaN is ignored. Allocation-free. */
    void setNormalized(int id, double value) {
        if (!isValid(id) || Double.isNaN(value)) {
            return;
        }
        double clamped = Math.min(1.0, Math.max(0.0, value));
        normalized[id].value = clamped;
    }

    void setPlain(InstrumentParameter p, double plain) {
        setNormalized(p.id(), p.toNormalized(plain));
    }

    private static final class Value {
        volatile double value;

        Value(double value) {
            this.value = value;
        }
    }
}
