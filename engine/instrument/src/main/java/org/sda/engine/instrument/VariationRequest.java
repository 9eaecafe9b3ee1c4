package org.sda.engine.instrument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sda.engine.model.SdaManifest;

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
 * @param controls the control parameters in axis order, each in [-1, 1] (see {@link #axisOffsets})
 */
public record VariationRequest(double seconds, double temperature, int topK, double topP, long seed,
                               long index, List<Double> controls) {

    public VariationRequest {
        controls = List.copyOf(controls);
    }

    /** A request with every control at 0. */
    public VariationRequest(double seconds, double temperature, int topK, double topP, long seed, long index) {
        this(seconds, temperature, topK, topP, seed, index, List.of());
    }

    /**
     * The controls as offsets along the model's axes, strongest axis first: +1 reaches the top of
     * an axis's safe range (where the training sounds live), -1 its bottom, 0 leaves it alone.
     * Controls beyond the model's axes, and every control of a model without axes, do nothing.
     */
    public Map<String, Double> axisOffsets(SdaManifest.Analysis analysis) {
        Map<String, Double> offsets = new LinkedHashMap<>();
        if (analysis == null) {
            return offsets;
        }
        for (int i = 0; i < Math.min(controls.size(), analysis.axes().size()); i++) {
            double v = Math.max(-1, Math.min(1, controls.get(i)));
            if (v != 0) {
                SdaManifest.Axis axis = analysis.axes().get(i);
                offsets.put(axis.name(), v > 0 ? v * Math.max(0, axis.safeMax()) : -v * Math.min(0, axis.safeMin()));
            }
        }
        return offsets;
    }

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
