package org.sda.engine.dsp;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Phase estimate from an STFT magnitude alone by Phase Gradient Heap Integration (PGHI): Průša,
 * Balazs and Søndergaard 2017, "A Noniterative Method for Reconstruction of Phase From STFT
 * Magnitude", IEEE/ACM TASLP 25(5).
 *
 * <p><b>Idea.</b> For a Gaussian window {@code g(l) = exp(-pi l^2 / lambda)} the STFT is, up to a
 * factor, an analytic function, so the partial derivatives of its phase are determined by those
 * of its log-magnitude. The Hann window of length {@code L = nFft} is treated as the Gaussian with
 * {@code lambda = gamma = 0.25645 * L^2} (the paper's Table I constant for Hann).
 *
 * <p><b>Gradients</b> (the paper's discrete formulas for the time-invariant phase convention, hop
 * {@code a}, {@code M = nFft} channels, {@code s = ln|X|}, centred differences in bins and
 * frames):
 *
 * <pre>
 *   dphi/dt [t][k] = a M / gamma * (s[t][k+1] - s[t][k-1]) / 2  +  2 pi a k / M     (rad / frame)
 *   dphi/dk [t][k] = -gamma / (a M) * (s[t+1][k] - s[t-1][k]) / 2                   (rad / bin)
 * </pre>
 *
 * The log-magnitude derivative across frequency is taken as zero at DC and Nyquist (the
 * spectrum is symmetric there) and one-sided at the first and last frame.
 *
 * <p><b>Heap integration</b> (paper Algorithm 1). Coefficients below {@code tol * max|X|} are
 * negligible: they get a random phase and are never integrated across, since their gradients
 * are noise. Of the rest, the largest not yet visited seeds a region with phase 0; a max-heap
 * keyed by magnitude then repeatedly takes the largest coefficient reached so far and spreads its
 * phase to unvisited neighbours in time and frequency by the trapezoidal rule,
 * {@code phi[t+1][k] = phi[t][k] + (dphi/dt[t][k] + dphi/dt[t+1][k]) / 2} and likewise in
 * frequency. Integrating along the loudest paths first keeps the error where it matters least.
 *
 * <p><b>Convention.</b> The gradients above are for frames whose FFT origin is the frame centre.
 * {@link Stft} frames have their origin at the frame start, half a window earlier, which
 * multiplies bin {@code k} by {@code (-1)^k}; the estimate adds {@code pi k} so its output can be
 * combined with {@link Stft} magnitudes directly.
 *
 * <p>Cost: O(F log F) for F coefficients (one sort and one heap pass), no FFTs. Instances are
 * immutable and thread-safe.
 */
public final class PghiPhase {

    /** {@code gamma / L^2} for a Hann window of length L (Průša et al. 2017, Table I). */
    public static final double HANN_GAMMA_FACTOR = 0.25645;

    /** Coefficients below this fraction of the largest magnitude get random phase. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    private final int nFft;
    private final int hop;
    private final double tolerance;
    private final long seed;

    public PghiPhase(StftConfig config) {
        this(config, DEFAULT_TOLERANCE, GriffinLim.DEFAULT_SEED);
    }

    /**
     * @param config STFT the magnitudes come from
     * @param tolerance relative magnitude below which phase is random, in (0, 1)
     * @param seed seed for the random phases of negligible coefficients
     */
    public PghiPhase(StftConfig config, double tolerance, long seed) {
        Objects.requireNonNull(config, "config");
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1): " + tolerance);
        }
        this.nFft = config.nFft();
        this.hop = config.hop();
        this.tolerance = tolerance;
        this.seed = seed;
    }

    /**
     * Estimates the phase of a magnitude spectrogram.
     *
     * @param magnitude {@code [frames][bins]}, bins = nFft/2 + 1
     * @return phases in radians, {@code [frames][bins]}, in (-pi, pi]
     */
    public float[][] estimate(float[][] magnitude) {
        int frames = magnitude.length;
        int bins = nFft / 2 + 1;
        for (float[] row : magnitude) {
            if (row.length != bins) {
                throw new IllegalArgumentException("expected " + bins + " bins, got " + row.length);
            }
        }
        int n = frames * bins;
        float[] mag = new float[n];
        float max = 0;
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                float m = Math.abs(magnitude[t][k]);
                mag[t * bins + k] = m;
                max = Math.max(max, m);
            }
        }
        double[] phase = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        if (max == 0) {
            return wrapped(phase, frames, bins, random, new boolean[n]);
        }

        // A floor far below the tolerance keeps the logarithm finite without biasing the
        // gradients of the coefficients that are integrated.
        double floor = max * tolerance * 1e-3;
        double[] logMag = new double[n];
        for (int i = 0; i < n; i++) {
            logMag[i] = Math.log(Math.max(mag[i], floor));
        }
        double[] timeGrad = new double[n];
        double[] freqGrad = new double[n];
        gradients(logMag, frames, bins, timeGrad, freqGrad);

        boolean[] done = new boolean[n];
        float threshold = (float) (max * tolerance);
        int significant = 0;
        int loudest = 0;
        for (int i = 0; i < n; i++) {
            if (mag[i] < threshold) {
                done[i] = true;
            } else {
                significant++;
                if (mag[i] > mag[loudest]) {
                    loudest = i;
                }
            }
        }
        MaxHeap heap = new MaxHeap(significant);
        integrateFrom(loudest, phase, done, mag, timeGrad, freqGrad, frames, bins, heap);

        // Almost everything above the tolerance is connected to the loudest coefficient, so only
        // the few islands left over need ranking to pick their seeds loudest-first.
        int left = 0;
        for (int i = 0; i < n; i++) {
            left += done[i] ? 0 : 1;
        }
        if (left > 0) {
            long[] order = new long[left];
            for (int i = 0, j = 0; i < n; i++) {
                if (!done[i]) {
                    // Non-negative floats order like their bit patterns, so one long sort ranks them.
                    order[j++] = ((long) Float.floatToIntBits(mag[i]) << 32) | i;
                }
            }
            Arrays.sort(order);
            for (int s = left - 1; s >= 0; s--) {
                int seedIndex = (int) order[s];
                if (!done[seedIndex]) {
                    integrateFrom(seedIndex, phase, done, mag, timeGrad, freqGrad, frames, bins, heap);
                }
            }
        }
        boolean[] negligible = new boolean[n];
        for (int i = 0; i < n; i++) {
            negligible[i] = mag[i] < threshold;
        }
        return wrapped(phase, frames, bins, random, negligible);
    }

    /**
     * Gives {@code seed} phase 0 and spreads phase over every unvisited coefficient connected to
     * it, largest magnitude first, by trapezoidal integration of the gradients.
     */
    private static void integrateFrom(int seed, double[] phase, boolean[] done, float[] mag,
            double[] timeGrad, double[] freqGrad, int frames, int bins, MaxHeap heap) {
        done[seed] = true;
        phase[seed] = 0;
        heap.push(seed, mag[seed]);
        while (!heap.isEmpty()) {
            int i = heap.pop();
            int t = i / bins;
            int k = i - t * bins;
            if (t + 1 < frames && !done[i + bins]) {
                int j = i + bins;
                phase[j] = phase[i] + 0.5 * (timeGrad[i] + timeGrad[j]);
                done[j] = true;
                heap.push(j, mag[j]);
            }
            if (t > 0 && !done[i - bins]) {
                int j = i - bins;
                phase[j] = phase[i] - 0.5 * (timeGrad[i] + timeGrad[j]);
                done[j] = true;
                heap.push(j, mag[j]);
            }
            if (k + 1 < bins && !done[i + 1]) {
                int j = i + 1;
                phase[j] = phase[i] + 0.5 * (freqGrad[i] + freqGrad[j]);
                done[j] = true;
                heap.push(j, mag[j]);
            }
            if (k > 0 && !done[i - 1]) {
                int j = i - 1;
                phase[j] = phase[i] - 0.5 * (freqGrad[i] + freqGrad[j]);
                done[j] = true;
                heap.push(j, mag[j]);
            }
        }
    }

    /** Phase derivatives of the centre-origin STFT from the log-magnitude, see class comment. */
    private void gradients(double[] logMag, int frames, int bins, double[] timeGrad, double[] freqGrad) {
        double gamma = HANN_GAMMA_FACTOR * nFft * (double) nFft;
        double timeScale = hop * (double) nFft / gamma;
        double freqScale = -gamma / (hop * (double) nFft);
        double advancePerBin = 2 * Math.PI * hop / nFft;
        for (int t = 0; t < frames; t++) {
            int row = t * bins;
            for (int k = 0; k < bins; k++) {
                double dk = k == 0 || k == bins - 1 ? 0 : 0.5 * (logMag[row + k + 1] - logMag[row + k - 1]);
                timeGrad[row + k] = timeScale * dk + advancePerBin * k;
                double dt;
                if (frames == 1) {
                    dt = 0;
                } else if (t == 0) {
                    dt = logMag[row + bins + k] - logMag[row + k];
                } else if (t == frames - 1) {
                    dt = logMag[row + k] - logMag[row - bins + k];
                } else {
                    dt = 0.5 * (logMag[row + bins + k] - logMag[row - bins + k]);
                }
                freqGrad[row + k] = freqScale * dt;
            }
        }
    }

    /** Shifts to the frame-start origin (+pi k), randomises negligible bins, wraps to (-pi, pi]. */
    private static float[][] wrapped(double[] phase, int frames, int bins, SplittableRandom random,
            boolean[] negligible) {
        float[][] out = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                int i = t * bins + k;
                double p = negligible[i]
                        ? Math.PI * (2 * random.nextDouble() - 1)
                        : PhaseTable.wrap(phase[i] + Math.PI * k);
                out[t][k] = (float) p;
            }
        }
        return out;
    }

    /**
     * Binary max-heap of coefficient indices keyed by magnitude. Keys are stored next to the
     * items so that sifting compares contiguous memory instead of chasing indices.
     */
    private static final class MaxHeap {
        private final float[] keys;
        private final int[] items;
        private int size;

        MaxHeap(int capacity) {
            this.keys = new float[Math.max(1, capacity)];
            this.items = new int[Math.max(1, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int item, float key) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] >= key) {
                    break;
                }
                keys[i] = keys[parent];
                items[i] = items[parent];
                i = parent;
            }
            keys[i] = key;
            items[i] = item;
        }

        int pop() {
            int top = items[0];
            int last = items[--size];
            float key = keys[size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && keys[child + 1] > keys[child]) {
                    child++;
                }
                if (keys[child] <= key) {
                    break;
                }
                keys[i] = keys[child];
                items[i] = items[child];
                i = child;
            }
            keys[i] = key;
            items[i] = last;
            return top;
        }
    }
}
