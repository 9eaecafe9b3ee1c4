package org.sda.engine.instrument;

import java.util.Map;

/**
 * Instrument states for the built-in demo model, made without an instrument: what the factory
 * presets carry. Stateless.
 */
public final class DemoStates {

    private DemoStates() {}

    /**
     * The state JSON ({@link Instrument#saveState}'s format) of an instrument playing the demo
     * model with every parameter at its default except those given.
     *
     * @param plain values in each parameter's unit; clamped into range
     */
    public static byte[] withParameters(Map<InstrumentParameter, Double> plain) {
        ParameterValues values = new ParameterValues();
        plain.forEach(values::setPlain);
        return InstrumentState.write(ModelReference.demo(null, null), values);
    }
}
