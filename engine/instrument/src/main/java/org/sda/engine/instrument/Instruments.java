package org.sda.engine.instrument;

import java.nio.file.Path;

/**
 * Makes instruments. Every front end (the VST3 bridge, the standalone host, the offline renderer)
 * starts here.
 */
public final class Instruments {

    private Instruments() {}

    /** {@link #create(InstrumentConfig)} configured from the environment, without a demo model. */
    public static Instrument create() {
        return create(InstrumentConfig.fromEnvironment());
    }

    /**
     * A new, unprepared instrument with {@value VoiceEngine#DEFAULT_POLYPHONY} voices that generates
     * its variations from the model's prior. Until a state or a model is given it plays the model
     * the user chose for new instruments ({@link StartModel}), else the config's demo model (loaded
     * in the background once prepared); without either it plays silence and its status says so.
     *
     * <p>Generated variations are kept in the config's variation cache (256 MB at most), so a model
     * and seed played before play again at once. Variations made ahead with {@code sda prefill} into
     * {@code DEMO.variations/} beside the demo model are read from there too.
     */
    public static Instrument create(InstrumentConfig config) {
        Path demoModel = config.demoModel().orElse(null);
        VariationCache cache = config.variationCache()
                .map(folder -> new VariationCache(folder, VariationCache.DEFAULT_MAX_BYTES)).orElse(null);
        if (cache != null && demoModel != null) {
            // Variations made ahead for the demo model, shipped beside it, so the first note plays at once.
            cache = cache.withReadOnly(VariationPrefill.folderBeside(demoModel));
        }
        // The sessions open on the first generation: prefilled or cached variations play before it.
        return new VariationInstrument(GeneratedVariations::openLazily, defaultWorkers(), VoiceEngine.DEFAULT_POLYPHONY,
                demoModel, cache, StartModel.chosen().orElse(null));
    }

    /**
     * An instrument whose sounds come from {@code opener}: for front ends that bring their own
     * source, and for tests. Nothing is cached on disk.
     *
     * @param demoModel played until a state or model is given; {@code null} for none
     */
    public static Instrument create(VariationSource.Opener opener, Path demoModel) {
        return new VariationInstrument(opener, defaultWorkers(), VoiceEngine.DEFAULT_POLYPHONY, demoModel);
    }

    /**
     * Generation threads per instrument: one core is left to the host and the render thread, and
     * no more than two, because two instruments in one DAW would otherwise fight over the cores.
     */
    public static int defaultWorkers() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1));
    }
}
