package org.sda.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sda.engine.model.SdaManifest;

/**
 * Axis offsets applied to a latent before decoding: for each axis {@code a} with offset
 * {@code v_a}, every frame becomes {@code z_t + sum_a v_a * direction_a}. Decode, generation and
 * the instrument call this one place.
 *
 * <p>Offsets are in the axis's own units (positions along the unit direction, as the model's
 * analysis reports its safe and warning ranges). Within the safe range the result is where the
 * dataset lives; between the safe and the warning limits it is allowed but outside the data
 * ({@link #warnings}); beyond the warning limits it is refused.
 *
 * <p>Thread-safe (no state); {@link #apply} allocates the result and never modifies its input.
 */
public final class LatentControls {

    private LatentControls() {
    }

    /**
     * The latent with the offsets applied, as a new array; the input when there are none.
     *
     * @param latent {@code [T'][codeDim]}
     * @param analysis the model's analysis; may be null only when {@code offsets} is empty
     * @param offsets axis name to offset; names are matched ignoring case
     * @throws IllegalArgumentException for an axis the model does not have, a non-finite offset or
     *     one beyond the axis's warning range; the message lists the axes and ranges
     */
    public static float[][] apply(float[][] latent, SdaManifest.Analysis analysis, Map<String, Double> offsets) {
        if (offsets.isEmpty()) {
            return latent;
        }
        float[] shift = shift(analysis, offsets, latent.length == 0 ? 0 : latent[0].length);
        float[][] out = new float[latent.length][];
        for (int t = 0; t < latent.length; t++) {
            float[] row = latent[t].clone();
            for (int k = 0; k < row.length; k++) {
                row[k] += shift[k];
            }
            out[t] = row;
        }
        return out;
    }

    /** The vector {@code sum_a v_a * direction_a} ({@code [codeDim]}), checked as {@link #apply} checks. */
    public static float[] shift(SdaManifest.Analysis analysis, Map<String, Double> offsets, int codeDim) {
        if (analysis == null || analysis.axes().isEmpty()) {
            throw new IllegalArgumentException("the model has no control axes; add them with sda model analyze");
        }
        double[] shift = new double[codeDim];
        for (Map.Entry<String, Double> e : offsets.entrySet()) {
            SdaManifest.Axis axis = axis(analysis, e.getKey());
            double v = e.getValue();
            if (!Double.isFinite(v) || v < axis.warnMin() || v > axis.warnMax()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s = %s is beyond the axis's range (safe %.3g..%.3g, at most %.3g..%.3g)",
                        axis.name(), e.getValue(), axis.safeMin(), axis.safeMax(), axis.warnMin(), axis.warnMax()));
            }
            if (axis.direction().length != codeDim) {
                throw new IllegalArgumentException("axis " + axis.name() + " has " + axis.direction().length
                        + " dimensions, the latent has " + codeDim);
            }
            for (int k = 0; k < codeDim; k++) {
                shift[k] += v * axis.direction()[k];
            }
        }
        float[] out = new float[codeDim];
        for (int k = 0; k < codeDim; k++) {
            out[k] = (float) shift[k];
        }
        return out;
    }

    /** Plain-words notes for offsets outside their safe range (empty when all are inside). */
    public static List<String> warnings(SdaManifest.Analysis analysis, Map<String, Double> offsets) {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Double> e : offsets.entrySet()) {
            SdaManifest.Axis axis = axis(analysis, e.getKey());
            double v = e.getValue();
            if (v < axis.safeMin() || v > axis.safeMax()) {
                notes.add(String.format(Locale.ROOT, "%s = %.3g is outside the range the training sounds cover "
                        + "(%.3g..%.3g): expect artefacts", axis.name(), v, axis.safeMin(), axis.safeMax()));
            }
        }
        return notes;
    }

    /** The axis called {@code name} (ignoring case). */
    public static SdaManifest.Axis axis(SdaManifest.Analysis analysis, String name) {
        if (analysis == null) {
            throw new IllegalArgumentException("the model has no control axes; add them with sda model analyze");
        }
        for (SdaManifest.Axis axis : analysis.axes()) {
            if (axis.name().equalsIgnoreCase(name)) {
                return axis;
            }
        }
        throw new IllegalArgumentException("the model has no axis '" + name + "'; its axes: "
                + String.join(", ", analysis.axes().stream().map(SdaManifest.Axis::name).toList()));
    }

    /** Parses {@code NAME=VALUE} options, keeping their order. */
    public static Map<String, Double> parse(List<String> assignments) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                throw new IllegalArgumentException("'" + a + "' is not NAME=VALUE");
            }
            try {
                out.put(a.substring(0, eq).trim(), Double.parseDouble(a.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + a + "': " + a.substring(eq + 1) + " is not a number");
            }
        }
        return out;
    }
}
