package org.sda.engine.dsp;

/**
 * Parameters of the short-time Fourier transform: FFT size and hop, both in samples.
 *
 * <p>The analysis window is a periodic Hann window of length {@code nFft},
 * {@code w[n] = 0.5 - 0.5 cos(2 pi n / nFft)} (scipy's {@code hann(nFft, sym=False)}, the
 * window librosa uses), so there is no zero padding inside a frame.
 *
 * <p>Constraints, checked on construction: {@code nFft} is a power of two, at least 16 (the FFT is
 * radix-2 and the bin layout assumes an even size); {@code 1 <= hop <= nFft / 2}, because with a
 * Hann window a larger hop leaves samples whose window-sum-square is zero, and those could not be
 * reconstructed by the inverse transform.
 *
 * @param nFft FFT size and window length in samples
 * @param hop distance between frame centres in samples
 */
public record StftConfig(int nFft, int hop) {

    /** FFT size used across the project unless a model says otherwise. */
    public static final int DEFAULT_N_FFT = 1024;

    /** Hop used across the project unless a model says otherwise (75 % overlap). */
    public static final int DEFAULT_HOP = 256;

    public StftConfig {
        if (nFft < 16 || Integer.bitCount(nFft) != 1) {
            throw new IllegalArgumentException("nFft must be a power of two >= 16: " + nFft);
        }
        if (hop < 1 || hop > nFft / 2) {
            throw new IllegalArgumentException(
                    "hop must be in [1, nFft/2] = [1, " + nFft / 2 + "]: " + hop);
        }
    }

    /** {@code nFft = 1024}, {@code hop = 256}. */
    public static StftConfig defaults() {
        return new StftConfig(DEFAULT_N_FFT, DEFAULT_HOP);
    }

    /** Number of frequency bins from DC to Nyquist: {@code nFft / 2 + 1}. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Number of centred frames for a signal of {@code length} samples: {@code 1 + length / hop}. */
    public int frames(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        return 1 + length / hop;
    }

    /** Centre frequency in Hz of bin {@code k} at {@code sampleRate}: {@code k * sampleRate / nFft}. */
    public double binFrequency(int k, double sampleRate) {
        return k * sampleRate / nFft;
    }

    /** The periodic Hann window of length {@code nFft}. A fresh array on each call. */
    public float[] window() {
        float[] w = new float[nFft];
        for (int n = 0; n < nFft; n++) {
            w[n] = (float) (0.5 - 0.5 * Math.cos(2.0 * Math.PI * n / nFft));
        }
        return w;
    }
}
