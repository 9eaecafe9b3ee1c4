package org.sda.engine.dsp;

import java.util.Arrays;

/**
 * Spectral flux: how much the magnitude spectrum rises from one STFT frame to the next. A click or
 * a seam between two joined pieces of audio shows as a broadband rise, so comparing the flux at
 * the joins with the flux everywhere else tells whether the joins stand out.
 *
 * <p>Flux of frame {@code t} is the L2 norm of the half-wave rectified difference
 * {@code max(0, |X_t| - |X_{t-1}|)} over bins, divided by the L2 norm of {@code |X_t|} plus a
 * small floor, so it does not depend on the level of the sound.
 */
public final class SpectralFlux {

    private static final double FLOOR = 1e-6;

    private SpectralFlux() {
    }

    /** Flux per frame of a magnitude spectrogram {@code [frames][bins]}; frame 0 has flux 0. */
    public static double[] of(float[][] magnitude) {
        double[] flux = new double[magnitude.length];
        for (int t = 1; t < magnitude.length; t++) {
            float[] prev = magnitude[t - 1];
            float[] cur = magnitude[t];
            double rise = 0;
            double energy = 0;
            for (int k = 0; k < cur.length; k++) {
                double d = cur[k] - prev[k];
                if (d > 0) {
                    rise += d * d;
                }
                energy += (double) cur[k] * cur[k];
            }
            flux[t] = Math.sqrt(rise) / (Math.sqrt(energy) + FLOOR);
        }
        return flux;
    }

    /** Flux per frame of a signal. */
    public static double[] of(float[] signal, StftConfig config) {
        return of(new Stft(config).magnitude(signal));
    }

    /**
     * Compares the flux at the given sample positions (joins, region edges) with the flux of every
     * other frame of the signal (leaving out the frames at either end, whose windows reach into
     * the padding).
     *
     * @param joins sample positions; each is judged by the largest flux among the frames whose
     *              window covers it
     */
    public static SeamReport seams(float[] signal, StftConfig config, int[] joins) {
        double[] flux = of(signal, config);
        boolean[] nearJoin = new boolean[flux.length];
        double[] atJoins = new double[joins.length];
        int hop = config.hop();
        int reach = config.nFft() / hop;
        for (int j = 0; j < joins.length; j++) {
            int centre = joins[j] / hop;
            double worst = 0;
            for (int t = Math.max(1, centre - reach); t <= Math.min(flux.length - 1, centre + reach); t++) {
                nearJoin[t] = true;
                worst = Math.max(worst, flux[t]);
            }
            atJoins[j] = worst;
        }
        double[] inside = new double[flux.length];
        int n = 0;
        // Frames whose window reaches past either end of the signal rise out of the padding.
        for (int t = reach; t < flux.length - reach; t++) {
            if (!nearJoin[t]) {
                inside[n++] = flux[t];
            }
        }
        return new SeamReport(atJoins, Arrays.copyOf(inside, n));
    }

    /**
     * Flux at the joins and flux elsewhere.
     *
     * @param atJoins the largest flux near each join
     * @param inside the flux of every frame away from the joins, in time order
     */
    public record SeamReport(double[] atJoins, double[] inside) {

        /** The q-quantile (0..1) of the flux away from the joins. */
        public double insideQuantile(double q) {
            return quantile(inside, q);
        }

        /** The q-quantile (0..1) of the flux at the joins. */
        public double joinQuantile(double q) {
            return quantile(atJoins, q);
        }

        /** Share of inside frames whose flux is below {@code value}: where a join sits in that distribution. */
        public double insideRank(double value) {
            if (inside.length == 0) {
                return Double.NaN;
            }
            int below = 0;
            for (double f : inside) {
                if (f < value) {
                    below++;
                }
            }
            return below / (double) inside.length;
        }

        private static double quantile(double[] values, double q) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
    }
}
