package org.sda.engine.dsp;

import java.util.Objects;

/**
 * Triangular mel filterbank on the Slaney mel scale with Slaney area normalisation: the defaults
 * of {@code librosa.filters.mel} ({@code htk=False, norm="slaney"}), from Malcolm Slaney's
 * Auditory Toolbox (Slaney 1998, "Auditory Toolbox, version 2", Interval Research TR 1998-010).
 *
 * <p><b>Mel scale.</b> Linear below 1 kHz and logarithmic above:
 *
 * <pre>
 *   mel(f) = f / (200/3)                                  for f &lt; 1000 Hz
 *   mel(f) = 15 + ln(f / 1000) / (ln(6.4) / 27)           for f &gt;= 1000 Hz
 * </pre>
 *
 * so 1 kHz is mel 15, and above it every 27 mels multiply the frequency by 6.4.
 *
 * <p><b>Triangles.</b> {@code nMels + 2} edge frequencies {@code e[0..nMels+1]} are spaced evenly
 * in mel between {@code mel(fMin)} and {@code mel(fMax)} and mapped back to Hz. Band {@code i}
 * rises linearly from 0 at {@code e[i]} to its peak at the centre {@code e[i+1]} and falls back to
 * 0 at {@code e[i+2]}; the triangle is linear in Hz, not in mel:
 *
 * <pre>
 *   tri_i(f) = max(0, min((f - e[i]) / (e[i+1] - e[i]), (e[i+2] - f) / (e[i+2] - e[i+1])))
 * </pre>
 *
 * <p><b>Normalisation.</b> Each triangle is scaled by {@code 2 / (e[i+2] - e[i])}, which gives it
 * unit area in Hz ({@code integral tri_i(f) df = (e[i+2] - e[i]) / 2}). Wide high bands therefore
 * have small weights, and a flat spectrum gives a flat mel spectrum.
 *
 * <p><b>Weights.</b> {@code W[i][k] = 2 / (e[i+2] - e[i]) * tri_i(k * sampleRate / nFft)}, an
 * {@code [nMels][bins]} matrix with {@code bins = nFft / 2 + 1}. Applied to a magnitude spectrogram
 * {@code S [frames][bins]} it gives {@code M = S W^T}, {@code [frames][nMels]}. The weights are
 * computed in double and stored in float, as librosa does.
 *
 * <p>With many bands and a small FFT the lowest triangles can be narrower than a bin and pick up
 * one bin or none at all; that is a property of the configuration, not an error, and
 * {@link #emptyBands()} counts such bands.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MelFilterbank {

    /** librosa's default number of mel bands. */
    public static final int DEFAULT_N_MELS = 128;

    private static final double F_SP = 200.0 / 3.0;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final int sampleRate;
    private final int nFft;
    private final int nMels;
    private final double fMin;
    private final double fMax;
    private final int bins;
    private final double[] edgesHz;
    private final float[][] weights;
    /** First bin with a non-zero weight in each band (bins if none). */
    private final int[] bandStart;
    /** One past the last bin with a non-zero weight in each band. */
    private final int[] bandEnd;

    /** Filterbank with 128 bands from 0 Hz to Nyquist. */
    public MelFilterbank(int sampleRate, int nFft) {
        this(sampleRate, nFft, DEFAULT_N_MELS, 0.0, sampleRate / 2.0);
    }

    /** Filterbank with {@code nMels} bands from 0 Hz to Nyquist. */
    public MelFilterbank(int sampleRate, int nFft, int nMels) {
        this(sampleRate, nFft, nMels, 0.0, sampleRate / 2.0);
    }

    /**
     * @param sampleRate sample rate in Hz of the analysed signal
     * @param nFft FFT size of the STFT whose magnitudes this filterbank takes
     * @param nMels number of bands, at least 1
     * @param fMin lower edge of the lowest band in Hz, {@code >= 0}
     * @param fMax upper edge of the highest band in Hz, {@code fMin < fMax <= sampleRate / 2}
     */
    public MelFilterbank(int sampleRate, int nFft, int nMels, double fMin, double fMax) {
        if (sampleRate <= 0 || nFft < 2 || nMels < 1) {
            throw new IllegalArgumentException("need sampleRate > 0, nFft >= 2, nMels >= 1");
        }
        if (!(fMin >= 0 && fMin < fMax && fMax <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("need 0 <= fMin < fMax <= sampleRate/2, got "
                    + fMin + ", " + fMax);
        }
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.nMels = nMels;
        this.fMin = fMin;
        this.fMax = fMax;
        this.bins = nFft / 2 + 1;
        this.edgesHz = edgeFrequencies(nMels, fMin, fMax);
        this.weights = new float[nMels][bins];
        this.bandStart = new int[nMels];
        this.bandEnd = new int[nMels];
        for (int i = 0; i < nMels; i++) {
            double enorm = 2.0 / (edgesHz[i + 2] - edgesHz[i]);
            int start = bins;
            int end = 0;
            for (int k = 0; k < bins; k++) {
                double w = enorm * triangle(i, (double) k * sampleRate / nFft);
                weights[i][k] = (float) w;
                if (weights[i][k] > 0) {
                    start = Math.min(start, k);
                    end = k + 1;
                }
            }
            bandStart[i] = start;
            bandEnd[i] = Math.max(start, end);
        }
    }

    /** Slaney mel value of {@code hz}. */
    public static double hzToMel(double hz) {
        return hz < MIN_LOG_HZ ? hz / F_SP : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
    }

    /** Inverse of {@link #hzToMel}. */
    public static double melToHz(double mel) {
        return mel < MIN_LOG_MEL ? mel * F_SP : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
    }

    /** The {@code n + 2} band edges in Hz, evenly spaced in mel from fMin to fMax. */
    static double[] edgeFrequencies(int nMels, double fMin, double fMax) {
        double lo = hzToMel(fMin);
        double hi = hzToMel(fMax);
        double[] edges = new double[nMels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(lo + (hi - lo) * i / (nMels + 1));
        }
        return edges;
    }

    private double triangle(int band, double hz) {
        double lower = (hz - edgesHz[band]) / (edgesHz[band + 1] - edgesHz[band]);
        double upper = (edgesHz[band + 2] - hz) / (edgesHz[band + 2] - edgesHz[band + 1]);
        return Math.max(0.0, Math.min(lower, upper));
    }

    /**
     * The continuous, normalised response of band {@code band} at {@code hz}: the function that
     * the weight matrix samples at the bin frequencies.
     */
    public double response(int band, double hz) {
        Objects.checkIndex(band, nMels);
        return 2.0 / (edgesHz[band + 2] - edgesHz[band]) * triangle(band, hz);
    }

    /**
     * Mel spectrogram of a magnitude spectrogram.
     *
     * @param magnitude {@code [frames][bins]}, bins = nFft/2 + 1
     * @return {@code [frames][nMels]}, {@code M[t][i] = sum_k W[i][k] S[t][k]}
     */
    public float[][] apply(float[][] magnitude) {
        float[][] out = new float[magnitude.length][nMels];
        for (int t = 0; t < magnitude.length; t++) {
            applyFrame(magnitude[t], out[t]);
        }
        return out;
    }

    /** One frame: {@code out[i] = sum_k W[i][k] frame[k]}; {@code frame} has {@code bins} values. */
    public void applyFrame(float[] frame, float[] out) {
        if (frame.length != bins) {
            throw new IllegalArgumentException("frame has " + frame.length + " bins, expected " + bins);
        }
        for (int i = 0; i < nMels; i++) {
            float[] w = weights[i];
            double sum = 0;
            for (int k = bandStart[i], end = bandEnd[i]; k < end; k++) {
                sum += w[k] * frame[k];
            }
            out[i] = (float) sum;
        }
    }

    /** A copy of the weight matrix, {@code [nMels][bins]}. */
    public float[][] weights() {
        float[][] copy = new float[nMels][];
        for (int i = 0; i < nMels; i++) {
            copy[i] = weights[i].clone();
        }
        return copy;
    }

    /** The weight matrix itself, for package code that only reads it. */
    float[][] weightsView() {
        return weights;
    }

    /** First bin of band {@code i} with a non-zero weight ({@code bins()} if the band is empty). */
    public int bandStart(int i) {
        return bandStart[i];
    }

    /** One past the last bin of band {@code i} with a non-zero weight. */
    public int bandEnd(int i) {
        return bandEnd[i];
    }

    /** Number of bands whose triangle falls between two bins and so has no non-zero weight. */
    public int emptyBands() {
        int n = 0;
        for (int i = 0; i < nMels; i++) {
            n += bandEnd[i] > bandStart[i] ? 0 : 1;
        }
        return n;
    }

    /** Peak (centre) frequency of band {@code i} in Hz: {@code e[i+1]}. */
    public double centreFrequency(int i) {
        Objects.checkIndex(i, nMels);
        return edgesHz[i + 1];
    }

    /** Lower edge of band {@code i} in Hz: {@code e[i]}. */
    public double lowerEdge(int i) {
        Objects.checkIndex(i, nMels);
        return edgesHz[i];
    }

    /** Upper edge of band {@code i} in Hz: {@code e[i+2]}. */
    public double upperEdge(int i) {
        Objects.checkIndex(i, nMels);
        return edgesHz[i + 2];
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int nFft() {
        return nFft;
    }

    public int nMels() {
        return nMels;
    }

    public int bins() {
        return bins;
    }

    public double fMin() {
        return fMin;
    }

    public double fMax() {
        return fMax;
    }
}
