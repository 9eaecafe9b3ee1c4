package org.sda.engine.dsp;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

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
        Random random = new Random(seed);
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
        for (int i = 0; i < n; i++) {
            if (mag[i] < threshold) {
                done[i] = true;
            } else {
                significant++;
            }
        }
        long[] order = new long[significant];
        for (int i = 0, j = 0; i < n; i++) {
            if (!done[i]) {
                // Non-negative floats order like their bit patterns, so one long sort ranks them.
                order[j++] = ((long) Float.floatToIntBits(mag[i]) << 32) | i;
            }
        }
        Arrays.sort(order);

        MaxHeap heap = new MaxHeap(mag, significant);
        for (int s = significant - 1; s >= 0; s--) {
            int seedIndex = (int) order[s];
            if (done[seedIndex]) {
                continue;
            }
            done[seedIndex] = true;
            phase[seedIndex] = 0;
            heap.push(seedIndex);
            while (!heap.isEmpty()) {
                int i = heap.pop();
                int t = i / bins;
                int k = i - t * bins;
                if (t + 1 < frames && !done[i + bins]) {
                    phase[i + bins] = phase[i] + 0.5 * (timeGrad[i] + timeGrad[i + bins]);
                    done[i + bins] = true;
                    heap.push(i + bins);
                }
                if (t > 0 && !done[i - bins]) {
                    phase[i - bins] = phase[i] - 0.5 * (timeGrad[i] + timeGrad[i - bins]);
                    done[i - bins] = true;
                    heap.push(i - bins);
                }
                if (k + 1 < bins && !done[i + 1]) {
                    phase[i + 1] = phase[i] + 0.5 * (freqGrad[i] + freqGrad[i + 1]);
                    done[i + 1] = true;
                    heap.push(i + 1);
                }
                if (k > 0 && !done[i - 1]) {
                    phase[i - 1] = phase[i] - 0.5 * (freqGrad[i] + freqGrad[i - 1]);
                    done[i - 1] = true;
                    heap.push(i - 1);
                }
            }
        }
        boolean[] negligible = new boolean[n];
        for (int i = 0; i < n; i++) {
            negligible[i] = mag[i] < threshold;
        }
        return wrapped(phase, frames, bins, random, negligible);
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
    private static float[][] wrapped(double[] phase, int frames, int bins, Random random, boolean[] negligible) {
        float[][] out = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                int i = t * bins + k;
                double p = negligible[i]
                        ? Math.PI * (2 * random.nextDouble() - 1)
                        : Math.IEEEremainder(phase[i] + Math.PI * k, 2 * Math.PI);
                out[t][k] = (float) p;
            }
        }
        return out;
    }

    /** Binary max-heap of coefficient indices keyed by magnitude; capacity fixed up front. */
    private static final class MaxHeap {
        private final float[] key;
        private final int[] items;
        private int size;

        MaxHeap(float[] key, int capacity) {
            this.key = key;
            this.items = new int[Math.max(1, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int item) {
            int i = size++;
            float k = key[item];
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (key[items[parent]] >= k) {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = item;
        }

        int pop() {
            int top = items[0];
            int last = items[--size];
            float k = key[last];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && key[items[child + 1]] > key[items[child]]) {
                    child++;
                }
                if (key[items[child]] <= k) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}
