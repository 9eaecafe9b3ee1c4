package org.sda.engine.instrument;

/**
 * What one variation is generated with: the sampling settings in force when a worker started it,
 * and the seed that makes it reproducible.
 *
 * @param seconds how long the variation should be
 * @param temperature sampling temperature (&gt; 0)
 * @param topK keep the k most likely tokens; 0 keeps all
 * @param topP nucleus sampling mass in (0, 1]
 * @param seed the generation seed, derived from the variation seed parameter and the variation's
 *     index with {@link #seedFor}
 * @param index the variation's position in its seed's sequence (0 is the locked variation)
 */
public record VariationRequest(double seconds, double temperature, int topK, double topP, long seed,
                               long index) {

    /**
     * The generation seed of variation {@code index} under the user's variation seed: a 64-bit mix
     * (SplitMix64's finaliser), so neighbouring indices and seeds give unrelated generations.
     */
    public static long seedFor(int variationSeed, long index) {
        long z = variationSeed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
