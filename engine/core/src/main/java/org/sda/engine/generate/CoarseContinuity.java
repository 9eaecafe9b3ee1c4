package org.sda.engine.generate;

import java.util.Objects;

/**
 * A penalty on the coarse level's leaps: when the prior picks the next coarse code, each
 * candidate's logit is lowered by {@code strength} times its distance from the previous coarse
 * code (squared Euclidean distance between the two codebook vectors, over the mean distance of
 * the codebook's pairs). A switch of texture in generated sound is a leap to a far code; a
 * temperature cuts every unlikely code alike, near or far, and turns the prior towards replaying
 * its training sounds, where this cuts only the far ones and leaves the near choices as the prior
 * gave them.
 *
 * <p>Immutable and thread-safe.
 */
public final class CoarseContinuity {

    private final float[][] distance;
    private final double strength;

    private CoarseContinuity(float[][] distance, double strength) {
        this.distance = distance;
        this.strength = strength;
    }

    /**
     * @param codebook the coarse level's code vectors, {@code [codes][dim]}
     * @param strength logit units per mean distance; 0 for none
     */
    public static CoarseContinuity of(float[][] codebook, double strength) {
        Objects.requireNonNull(codebook, "codebook");
        if (!(strength >= 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("continuity strength must be finite and at least 0, not " + strength);
        }
        int k = codebook.length;
        float[][] d = new float[k][k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double s = 0;
                for (int x = 0; x < codebook[i].length; x++) {
                    double diff = codebook[i][x] - codebook[j][x];
                    s += diff * diff;
                }
                d[i][j] = (float) s;
                d[j][i] = (float) s;
                sum += 2 * s;
            }
        }
        double mean = k > 1 ? sum / ((double) k * (k - 1)) : 0;
        if (mean > 0) {
            for (float[] row : d) {
                for (int j = 0; j < k; j++) {
                    row[j] = (float) (row[j] / mean);
                }
            }
        }
        return new CoarseContinuity(d, strength);
    }

    public double strength() {
        return strength;
    }

    /**
     * Lowers {@code logits[from + c]} for each code {@code c} of the codebook by its distance from
     * {@code previous}; entries past the codebook (the start-of-sound token) are left alone.
     */
    void apply(float[] logits, int from, int previous) {
        if (strength == 0 || previous < 0 || previous >= distance.length) {
            return;
        }
        float[] row = distance[previous];
        for (int c = 0; c < row.length; c++) {
            logits[from + c] -= (float) (strength * row[c]);
        }
    }
}
