package org.sda.engine.dsp;

import java.util.Objects;

/**
 * A complex short-time spectrum: real and imaginary parts of {@code frames x bins} coefficients.
 *
 * <p>Layout: two flat arrays, frame-major, {@code [frames][bins]} flattened, so coefficient
 * {@code (t, k)} is at index {@code t * bins + k}. Flat arrays keep a whole spectrogram in two
 * allocations, which matters when Griffin-Lim and the STFT create and read thousands of frames.
 *
 * <p>The arrays are exposed for speed and not copied; by convention a spectrogram is not modified
 * after it has been handed to someone else.
 */
public final class ComplexSpectrogram {

    private final int frames;
    private final int bins;
    private final float[] real;
    private final float[] imag;

    /**
     * Wraps existing arrays (not copied).
     *
     * @param frames number of frames
     * @param bins number of bins per frame
     * @param real real parts, {@code [frames][bins]} flattened, length {@code frames * bins}
     * @param imag imaginary parts, same layout and length
     */
    public ComplexSpectrogram(int frames, int bins, float[] real, float[] imag) {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(imag, "imag");
        if (frames < 0 || bins <= 0) {
            throw new IllegalArgumentException("bad shape " + frames + " x " + bins);
        }
        if (real.length != frames * bins || imag.length != frames * bins) {
            throw new IllegalArgumentException("arrays do not match " + frames + " x " + bins);
        }
        this.frames = frames;
        this.bins = bins;
        this.real = real;
        this.imag = imag;
    }

    /** An all-zero spectrogram of the given shape. */
    public static ComplexSpectrogram zeros(int frames, int bins) {
        return new ComplexSpectrogram(frames, bins, new float[frames * bins], new float[frames * bins]);
    }

    /**
     * Builds {@code magnitude * e^{i phase}} from polar parts, both {@code [frames][bins]}.
     */
    public static ComplexSpectrogram fromPolar(float[][] magnitude, float[][] phase) {
        int frames = magnitude.length;
        if (frames == 0) {
            throw new IllegalArgumentException("need at least one frame");
        }
        int bins = magnitude[0].length;
        if (phase.length != frames) {
            throw new IllegalArgumentException("magnitude and phase differ in frame count");
        }
        float[] re = new float[frames * bins];
        float[] im = new float[frames * bins];
        for (int t = 0; t < frames; t++) {
            if (magnitude[t].length != bins || phase[t].length != bins) {
                throw new IllegalArgumentException("ragged frame " + t);
            }
            for (int k = 0; k < bins; k++) {
                double m = magnitude[t][k];
                double p = phase[t][k];
                re[t * bins + k] = (float) (m * Math.cos(p));
                im[t * bins + k] = (float) (m * Math.sin(p));
            }
        }
        return new ComplexSpectrogram(frames, bins, re, im);
    }

    public int frames() {
        return frames;
    }

    public int bins() {
        return bins;
    }

    /** Real part of coefficient {@code (frame, bin)}. */
    public float re(int frame, int bin) {
        return real[index(frame, bin)];
    }

    /** Imaginary part of coefficient {@code (frame, bin)}. */
    public float im(int frame, int bin) {
        return imag[index(frame, bin)];
    }

    /** Absolute value of coefficient {@code (frame, bin)}. */
    public float abs(int frame, int bin) {
        int i = index(frame, bin);
        return (float) Math.sqrt((double) real[i] * real[i] + (double) imag[i] * imag[i]);
    }

    /** Argument in radians, in (-pi, pi], of coefficient {@code (frame, bin)}. */
    public float arg(int frame, int bin) {
        int i = index(frame, bin);
        return (float) Math.atan2(imag[i], real[i]);
    }

    /** The real parts, {@code [frames][bins]} flattened; the backing array, not a copy. */
    public float[] realParts() {
        return real;
    }

    /** The imaginary parts, {@code [frames][bins]} flattened; the backing array, not a copy. */
    public float[] imagParts() {
        return imag;
    }

    /** Magnitudes {@code |X[t][k]|} as a fresh {@code [frames][bins]} matrix. */
    public float[][] magnitude() {
        float[][] out = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            int row = t * bins;
            float[] o = out[t];
            for (int k = 0; k < bins; k++) {
                float re = real[row + k];
                float im = imag[row + k];
                o[k] = (float) Math.sqrt(re * re + im * im);
            }
        }
        return out;
    }

    /** Phases in radians as a fresh {@code [frames][bins]} matrix. */
    public float[][] phase() {
        float[][] out = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                out[t][k] = (float) Math.atan2(imag[t * bins + k], real[t * bins + k]);
            }
        }
        return out;
    }

    private int index(int frame, int bin) {
        if (frame < 0 || frame >= frames || bin < 0 || bin >= bins) {
            throw new IndexOutOfBoundsException("(" + frame + ", " + bin + ") outside "
                    + frames + " x " + bins);
        }
        return frame * bins + bin;
    }
}
