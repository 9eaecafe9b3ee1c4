package org.sda.engine.instrument;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * Makes, ahead of time, the variations an instrument plays first for a model: variations
 * 0..count−1 of a variation seed under the default sampling parameters, in the variation cache's
 * layout. Shipped beside the built-in demo model as {@code demo.sda.variations/} (see
 * {@link #folderBeside}), they let a fresh instrument play at once, before it has generated
 * anything. The files are exactly what the instrument would generate, so nothing changes but
 * the wait. For {@code sda prefill}; runs on the calling thread.
 */
public final class VariationPrefill {

    /** Told after each variation. */
    @FunctionalInterface
    public interface Listener {
        void made(int done, int count);
    }

    private VariationPrefill() {}

    /** Where an instrument looks for variations made ahead for {@code model}: {@code MODEL.variations/} beside it. */
    public static Path folderBeside(Path model) {
        return model.resolveSibling(model.getFileName() + ".variations");
    }

    /**
     * @throws ModelFileException if the model cannot be read
     * @throws VariationSource.SourceUnavailableException if it cannot generate (no prior)
     */
    public static void run(Path modelFile, Path folder, int seed, int count, Listener listener)
            throws ModelFileException, VariationSource.SourceUnavailableException, java.io.IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        SdaModel model = SdaModelFile.read(modelFile);
        Files.createDirectories(folder);
        VariationCache cache = new VariationCache(folder, Long.MAX_VALUE);
        ParameterValues defaults = new ParameterValues();
        try (GeneratedVariations source = GeneratedVariations.open(model)) {
            for (int i = 0; i < count; i++) {
                VariationRequest request = VariationPool.requestFor(source, defaults, seed, i);
                if (cache.get(model.contentHash(), request, source.sampleRate()).isEmpty()) {
                    cache.putOrThrow(model.contentHash(), request, source.sampleRate(), source.generate(request));
                }
                listener.made(i + 1, count);
            }
        }
    }
}
