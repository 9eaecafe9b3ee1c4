package org.sda.engine.audio;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;

/** Test signals and measurements shared by the audio tests. Everything is generated, nothing read. */
final class Signals {

    private Signals() {}

    static float[] sine(double frequency, int sampleRate, double seconds, double amplitude) {
        float[] out = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return out;
    }

    /** Seeded noise in [-amplitude, amplitude): reproducible, and exercises every code path. */
    static float[] noise(long seed, int frames, double amplitude) {
        Random random = new Random(seed);
        float[] out = new float[frames];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    /** A buffer of {@code channels} different sines (one frequency per channel). */
    static AudioBuffer multichannel(int channels, int sampleRate, double seconds) {
        float[][] data = new float[channels][];
        for (int c = 0; c < channels; c++) {
            data[c] = sine(220.0 * (c + 1), sampleRate, seconds, 0.8 / (c + 1));
        }
        return new AudioBuffer(data, sampleRate);
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** The largest absolute difference between two equally long arrays. */
    static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Frequency (Hz) of the strongest FFT bin over x[from, to), Hann-windowed. */
    static double peakFrequency(float[] x, int from, int to, int sampleRate) {
        int n = to - from;
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            data[i] = x[from + i] * window;
        }
        new DoubleFFT_1D(n).realForward(data);
        int best = 0;
        double bestPower = -1;
        for (int k = 1; k < n / 2; k++) {
            double power = data[2 * k] * data[2 * k] + data[2 * k + 1] * data[2 * k + 1];
            if (power > bestPower) {
                bestPower = power;
                best = k;
            }
        }
        return (double) best * sampleRate / n;
    }

    /**
     * Fits {@code a sin(wt) + b cos(wt) + c} to x[from, to) by least squares and returns the
     * residual's RMS relative to the fitted sinusoid's RMS, in dB: everything that is not the
     * tone (aliases, images, noise, distortion).
     */
    static double residualDb(float[] x, int from, int to, double frequency, int sampleRate) {
        double w = 2 * Math.PI * frequency / sampleRate;
        double[][] m = new double[3][3];
        double[] v = new double[3];
        for (int i = from; i < to; i++) {
            double[] basis = {Math.sin(w * i), Math.cos(w * i), 1};
            for (int r = 0; r < 3; r++) {
                v[r] += basis[r] * x[i];
                for (int c = 0; c < 3; c++) {
                    m[r][c] += basis[r] * basis[c];
                }
            }
        }
        double[] coef = solve3(m, v);
        double residual = 0;
        for (int i = from; i < to; i++) {
            double fit = coef[0] * Math.sin(w * i) + coef[1] * Math.cos(w * i) + coef[2];
            residual += (x[i] - fit) * (x[i] - fit);
        }
        double residualRms = Math.sqrt(residual / (to - from));
        double toneRms = Math.hypot(coef[0], coef[1]) / Math.sqrt(2);
        return db(residualRms / toneRms);
    }

    private static double[] solve3(double[][] m, double[] v) {
        double det = det3(m);
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] replaced = new double[3][];
            for (int r = 0; r < 3; r++) {
                replaced[r] = m[r].clone();
                replaced[r][k] = v[r];
            }
            out[k] = det3(replaced) / det;
        }
        return out;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
