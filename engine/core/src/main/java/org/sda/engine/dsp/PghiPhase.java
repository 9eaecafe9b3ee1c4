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
 * <p><b>Heap integration</b> (paper Algorithm 1, in its frame-by-frame form). Coefficients below
 * {@code tol * max|X|} are negligible: they get a random phase and are never integrated across,
 * since their gradients are noise. Frame by frame, a max-heap keyed by magnitude takes the
 * largest coefficient reached so far, from the previous frame or this one, and spreads its
 * phase to unvisited neighbours by the trapezoidal rule,
 * {@code phi[t+1][k] = phi[t][k] + (dphi/dt[t][k] + dphi/dt[t+1][k]) / 2} in time and likewise
 * in frequency. What nothing reaches (an onset) starts from its loudest bin at phase 0.
 * Integrating along the loudest paths first keeps the error where it matters least.
 *
 * <p><b>Convention.</b> The gradients above are for frames whose FFT origin is the frame centre.
 * {@link Stft} frames have their origin at the frame start, half a window earlier, which
 * multiplies bin {@code k} by {@code (-1)^k}; the estimate adds {@code pi k} so its output can be
 * combined with {@link Stft} magnitudes directly.
 *
 * <p>Cost: O(F log B) for F coefficients and B bins per frame, no FFTs. Instances are
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

        float threshold = (float) (max * tolerance);
        boolean[] negligible = new boolean[n];
        int[] level = new int[n];
        double logMax = Math.log(max);
        double levelsPerNeper = (BucketQueue.LEVELS - 1) / -Math.log(tolerance);
        for (int i = 0; i < n; i++) {
            negligible[i] = mag[i] < threshold;
            level[i] = negligible[i] ? 0
                    : Math.max(0, (int) ((logMag[i] - logMax) * levelsPerNeper) + BucketQueue.LEVELS - 1);
        }
        integrateFrameByFrame(phase, negligible, level, timeGrad, freqGrad, frames, bins);
        return wrapped(phase, frames, bins, random, negligible);
    }

    /**
     * Heap integration one frame at a time (the real-time variant, Průša and Holighaus 2017,
     * "Phase Vocoder Done Right"): frame {@code t} is integrated from the finished frame
     * {@code t - 1} and within itself, loudest first. The heap never holds more than two frames,
     * so it stays in cache; on real recordings the result matches whole-spectrogram integration
     * within a fraction of a dB after Griffin-Lim, at a fraction of the cost. "Loudest" is judged
     * on magnitudes quantised to {@link BucketQueue#LEVELS} levels over the tolerance range.
     */
    private static void integrateFrameByFrame(double[] phase, boolean[] negligible, int[] level,
            double[] timeGrad, double[] freqGrad, int frames, int bins) {
        boolean[] done = negligible.clone();
        BucketQueue heap = new BucketQueue(2 * bins);
        for (int t = 0; t < frames; t++) {
            int row = t * bins;
            int remaining = 0;
            for (int k = 0; k < bins; k++) {
                remaining += done[row + k] ? 0 : 1;
            }
            heap.clear(row - bins);
            if (t > 0) {
                for (int k = 0; k < bins; k++) {
                    int i = row - bins + k;
                    // Only a coefficient whose successor still needs a phase has work to do.
                    if (!negligible[i] && !done[i + bins]) {
                        heap.push(i, level[i]);
                    }
                }
            }
            while (remaining > 0) {
                if (heap.isEmpty()) {
                    // Nothing before reaches what is left (an onset): its loudest bin starts at 0.
                    int seed = -1;
                    for (int k = 0; k < bins; k++) {
                        if (!done[row + k] && (seed < 0 || level[row + k] > level[seed])) {
                            seed = row + k;
                        }
                    }
                    phase[seed] = 0;
                    done[seed] = true;
                    remaining--;
                    heap.push(seed, level[seed]);
                }
                while (!heap.isEmpty() && remaining > 0) {
                    int i = heap.pop();
                    if (i < row) {
                        int j = i + bins;
                        if (!done[j]) {
                            phase[j] = phase[i] + 0.5 * (timeGrad[i] + timeGrad[j]);
                            done[j] = true;
                            remaining--;
                            heap.push(j, level[j]);
                        }
                        continue;
                    }
                    int k = i - row;
                    if (k + 1 < bins && !done[i + 1]) {
                        phase[i + 1] = phase[i] + 0.5 * (freqGrad[i] + freqGrad[i + 1]);
                        done[i + 1] = true;
                        remaining--;
                        heap.push(i + 1, level[i + 1]);
                    }
                    if (k > 0 && !done[i - 1]) {
                        phase[i - 1] = phase[i] - 0.5 * (freqGrad[i] + freqGrad[i - 1]);
                        done[i - 1] = true;
                        remaining--;
                        heap.push(i - 1, level[i - 1]);
                    }
                }
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
     * Max-priority queue over the coefficients of two adjacent frames, keyed by quantised
     * magnitude: one LIFO list per level, so push and pop are O(1) where a binary heap's sifting
     * cost most of the integration time.
     */
    private static final class BucketQueue {
        /** Levels over the tolerance range: 1e-5 (100 dB) in 1000 steps is 0.1 dB apart. */
        static final int LEVELS = 1000;

        private final int[] head = new int[LEVELS];
        private final int[] next;
        private int base;
        private int top;
        private int size;

        BucketQueue(int capacity) {
            this.next = new int[capacity];
        }

        /** Empties the queue for coefficients numbered from {@code firstIndex}. */
        void clear(int firstIndex) {
            Arrays.fill(head, -1);
            base = firstIndex;
            top = -1;
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int index, int level) {
            int slot = index - base;
            next[slot] = head[level];
            head[level] = slot;
            top = Math.max(top, level);
            size++;
        }

        int pop() {
            while (head[top] < 0) {
                top--;
            }
            int slot = head[top];
            head[top] = next[slot];
            size--;
            return slot + base;
        }
    }
}
