package org.sda.engine.dsp;

import java.util.Objects;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Short-time Fourier transform with centred frames and its inverse by weighted overlap-add.
 *
 * <p><b>Forward.</b> The signal {@code x} of length {@code n} is reflect-padded by
 * {@code p = nFft / 2} samples at both ends (numpy's {@code mode="reflect"}: the edge sample is
 * not repeated), giving {@code xp}. Frame {@code t}, for {@code 0 <= t < 1 + n / hop}, is
 * {@code X[t][k] = sum_{j<nFft} w[j] xp[t*hop + j] e^{-2 pi i k j / nFft}}, so it is centred on
 * sample {@code t * hop} of {@code x}. This matches {@code librosa.stft(center=True,
 * pad_mode="reflect")} with a periodic Hann window.
 *
 * <p><b>Inverse.</b> Each frame is inverse transformed (with the {@code 1/nFft} factor), multiplied
 * by the window again and overlap-added; the sum is divided by the window-sum-square
 * {@code wss[i] = sum_t w[i - t*hop]^2}. For a consistent spectrogram this is the exact inverse
 * (Griffin and Lim 1984, eq. 6: the least-squares signal estimate from a modified STFT), and for
 * any spectrogram it is the signal whose STFT is closest in the least-squares sense. The padding
 * is then cut off and the result truncated or zero-extended to the requested length.
 *
 * <p><b>Performance.</b> The FFT is JTransforms' in-place real FFT. Each call allocates its
 * padded signal and its output once; no allocation happens per frame. Instances are immutable
 * and may be shared between threads; the FFT plan is only read.
 *
 * <p>Packed layout used by the package-private kernels: a frame of {@code nFft} floats as
 * JTransforms leaves it after {@code realForward}: {@code a[0] = Re X[0]},
 * {@code a[1] = Re X[nFft/2]}, and {@code a[2k] = Re X[k]}, {@code a[2k+1] = Im X[k]} for
 * {@code 0 < k < nFft/2}.
 */
public final class Stft {

    private final StftConfig config;
    private final int nFft;
    private final int hop;
    private final int bins;
    private final int pad;
    private final float[] window;
    /**
     * Window times 2/nFft: JTransforms' unscaled real inverse returns nFft/2 times the signal, so
     * the scaling rides on the window instead of costing a pass of its own.
     */
    private final float[] synthesisWindow;
    private final FloatFFT_1D fft;

    public Stft(StftConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.nFft = config.nFft();
        this.hop = config.hop();
        this.bins = config.bins();
        this.pad = nFft / 2;
        this.window = config.window();
        this.synthesisWindow = new float[nFft];
        for (int j = 0; j < nFft; j++) {
            synthesisWindow[j] = window[j] * 2f / nFft;
        }
        this.fft = new FloatFFT_1D(nFft);
    }

    /** An STFT with {@link StftConfig#defaults()}. */
    public Stft() {
        this(StftConfig.defaults());
    }

    public StftConfig config() {
        return config;
    }

    /** Number of frames for a signal of {@code length} samples: {@code 1 + length / hop}. */
    public int frames(int length) {
        return config.frames(length);
    }

    /** Number of bins, {@code nFft / 2 + 1}. */
    public int bins() {
        return bins;
    }

    /** The complex STFT of {@code signal}, {@code [frames][bins]} with frames = 1 + length/hop. */
    public ComplexSpectrogram forward(float[] signal) {
        Objects.requireNonNull(signal, "signal");
        int frames = frames(signal.length);
        float[] padded = reflectPad(signal);
        float[] re = new float[frames * bins];
        float[] im = new float[frames * bins];
        float[] frame = new float[nFft];
        int half = nFft / 2;
        for (int t = 0; t < frames; t++) {
            analyseFrame(padded, t, frame, 0);
            int row = t * bins;
            re[row] = frame[0];
            re[row + half] = frame[1];
            for (int k = 1; k < half; k++) {
                re[row + k] = frame[2 * k];
                im[row + k] = frame[2 * k + 1];
            }
        }
        return new ComplexSpectrogram(frames, bins, re, im);
    }

    /**
     * Magnitude spectrogram {@code |STFT(signal)|}, {@code [frames][bins]}, without keeping the
     * complex spectrum.
     */
    public float[][] magnitude(float[] signal) {
        Objects.requireNonNull(signal, "signal");
        int frames = frames(signal.length);
        float[] padded = reflectPad(signal);
        float[][] out = new float[frames][bins];
        float[] frame = new float[nFft];
        for (int t = 0; t < frames; t++) {
            analyseFrame(padded, t, frame, 0);
            packedMagnitude(frame, 0, out[t]);
        }
        return out;
    }

    /**
     * Inverse STFT by window-sum-square normalised overlap-add.
     *
     * @param spec spectrogram with {@code bins == nFft/2 + 1}; imaginary parts of the DC and
     *     Nyquist bins are ignored because a real signal cannot have them
     * @param length number of output samples; normally the length of the analysed signal
     * @return the signal, {@code length} samples
     */
    public float[] inverse(ComplexSpectrogram spec, int length) {
        Objects.requireNonNull(spec, "spec");
        if (spec.bins() != bins) {
            throw new IllegalArgumentException("spectrogram has " + spec.bins()
                    + " bins, this STFT makes " + bins);
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        int frames = spec.frames();
        float[] re = spec.realParts();
        float[] im = spec.imagParts();
        float[] ola = new float[paddedLength(frames)];
        float[] frame = new float[nFft];
        int half = nFft / 2;
        for (int t = 0; t < frames; t++) {
            int row = t * bins;
            frame[0] = re[row];
            frame[1] = re[row + half];
            for (int k = 1; k < half; k++) {
                frame[2 * k] = re[row + k];
                frame[2 * k + 1] = im[row + k];
            }
            synthesiseFrame(frame, 0, ola, t);
        }
        float[] inverseWss = inverseWindowSumSquare(frames);
        float[] out = new float[length];
        int usable = Math.min(length, ola.length - pad);
        for (int i = 0; i < usable; i++) {
            out[i] = ola[pad + i] * inverseWss[pad + i];
        }
        return out;
    }

    // ---- package-private kernels shared with GriffinLim -------------------------------------

    int nFft() {
        return nFft;
    }

    int hop() {
        return hop;
    }

    int pad() {
        return pad;
    }

    /** Length of the padded signal covered by {@code frames} frames. */
    int paddedLength(int frames) {
        return (frames - 1) * hop + nFft;
    }

    /** {@code signal} reflect-padded by nFft/2 on both sides, length {@code paddedLength}. */
    float[] reflectPad(float[] signal) {
        float[] padded = new float[paddedLength(frames(signal.length))];
        System.arraycopy(signal, 0, padded, pad, signal.length);
        fillPadding(padded, signal.length);
        return padded;
    }

    /**
     * Fills everything in {@code padded} outside {@code [pad, pad + length)} by reflecting that
     * interior about its end samples, as numpy's reflect mode would. Repeated reflection covers
     * signals shorter than the padding; an empty signal pads with zeros.
     */
    void fillPadding(float[] padded, int length) {
        int end = pad + length;
        if (length == 0) {
            java.util.Arrays.fill(padded, 0f);
            return;
        }
        for (int i = 0; i < pad; i++) {
            padded[i] = padded[pad + reflectIndex(i - pad, length)];
        }
        for (int i = end; i < padded.length; i++) {
            padded[i] = padded[pad + reflectIndex(i - pad, length)];
        }
    }

    /** Index into a signal of {@code length} samples for position {@code i}, reflecting at 0 and length-1. */
    static int reflectIndex(int i, int length) {
        if (length == 1) {
            return 0;
        }
        int period = 2 * (length - 1);
        int r = Math.floorMod(i, period);
        return r < length ? r : period - r;
    }

    /**
     * Windows frame {@code t} of {@code padded} into {@code out[off .. off+nFft)} and transforms
     * it in place, leaving the packed spectrum there.
     */
    void analyseFrame(float[] padded, int t, float[] out, int off) {
        int start = t * hop;
        float[] w = window;
        for (int j = 0; j < nFft; j++) {
            out[off + j] = padded[start + j] * w[j];
        }
        fft.realForward(out, off);
    }

    /**
     * Inverse transforms the packed spectrum in {@code packed[off .. off+nFft)} in place
     * (destroying it), windows it and adds it to {@code ola} at frame position {@code t}.
     */
    void synthesiseFrame(float[] packed, int off, float[] ola, int t) {
        fft.realInverse(packed, off, false);
        int start = t * hop;
        float[] w = synthesisWindow;
        for (int j = 0; j < nFft; j++) {
            ola[start + j] += packed[off + j] * w[j];
        }
    }

    /** Magnitudes of the packed spectrum at {@code packed[off..]} into {@code out[0 .. bins)}. */
    void packedMagnitude(float[] packed, int off, float[] out) {
        int half = nFft / 2;
        out[0] = Math.abs(packed[off]);
        out[half] = Math.abs(packed[off + 1]);
        for (int k = 1; k < half; k++) {
            float re = packed[off + 2 * k];
            float im = packed[off + 2 * k + 1];
            out[k] = (float) Math.sqrt(re * re + im * im);
        }
    }

    /**
     * {@code 1 / wss[i]} over the padded signal of {@code frames} frames, where
     * {@code wss[i] = sum_t w[i - t*hop]^2}; zero where wss is too small to divide by (only at
     * the outer edges of the padding, which are never part of the output).
     */
    float[] inverseWindowSumSquare(int frames) {
        float[] wss = new float[paddedLength(frames)];
        for (int t = 0; t < frames; t++) {
            int start = t * hop;
            for (int j = 0; j < nFft; j++) {
                wss[start + j] += window[j] * window[j];
            }
        }
        float tiny = 1e-10f;
        for (int i = 0; i < wss.length; i++) {
            wss[i] = wss[i] > tiny ? 1f / wss[i] : 0f;
        }
        return wss;
    }
}
