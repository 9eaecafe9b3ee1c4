package org.sda.engine.instrument;

/** The engine's instrument: variations generated from the model's prior ({@link Instruments#create(InstrumentConfig)}). */
public final class VariationInstrumentFactory implements InstrumentFactory {

    @Override
    public Instrument create(InstrumentConfig config) {
        return Instruments.create(config);
    }
}
