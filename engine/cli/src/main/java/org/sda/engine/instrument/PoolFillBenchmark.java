package org.sda.engine.instrument;

import java.nio.file.Path;

/**
 * How long the shipped instrument takes from choosing a model to its first playable variation and
 * to a full pool, for {@code sda bench instrument --model}: once with an empty variation cache
 * (generation) and once with the cache the first run filled (a project reopened). Not a test.
 */
public final class PoolFillBenchmark {

    /**
     * Seconds from the start of {@code loadModel}: until it returned, until the first variation
     * was ready, until the whole default pool was.
     */
    public record Result(String run, double loadSeconds, double firstSeconds, double fullSeconds, int poolSize) {
    }

    private PoolFillBenchmark() {}

    /**
     * @param cacheDir an empty folder for the variation cache (the user's cache is not touched)
     * @param timeoutSeconds give up waiting after this long (a field is then NaN)
     */
    public static Result run(String name, Path model, Path cacheDir, double sampleRate, double timeoutSeconds)
            throws InterruptedException {
        VariationCache cache = new VariationCache(cacheDir, VariationCache.DEFAULT_MAX_BYTES);
        int poolSize = (int) InstrumentParameter.POOL_SIZE.defaultValue();
        try (VariationInstrument instrument = new VariationInstrument(GeneratedVariations::open,
                Instruments.defaultWorkers(), VoiceEngine.DEFAULT_POLYPHONY, null, cache)) {
            instrument.prepare(sampleRate, 512);
            long start = System.nanoTime();
            Instrument.RestoreResult loaded = instrument.loadModel(model);
            double load = (System.nanoTime() - start) / 1e9;
            if (!loaded.ok()) {
                throw new IllegalArgumentException(loaded.message());
            }
            VariationPool pool = instrument.session().pool();
            double first = Double.NaN;
            double full = Double.NaN;
            while (Double.isNaN(full)) {
                double now = (System.nanoTime() - start) / 1e9;
                if (now > timeoutSeconds) {
                    break;
                }
                int ready = pool.readyCount();
                if (ready >= 1 && Double.isNaN(first)) {
                    first = now;
                }
                if (ready >= poolSize) {
                    full = now;
                }
                Thread.sleep(5);
            }
            return new Result(name, load, first, full, poolSize);
        }
    }
}
