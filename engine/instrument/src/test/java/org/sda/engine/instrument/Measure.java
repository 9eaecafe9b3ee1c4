package org.sda.engine.instrument;

import org.jtransforms.fft.DoubleFFT_1D;

/** Measurements on rendered audio for the instrument tests. */
final class Measure {

    private Measure() {}

    /**
     * The frequency of the strongest spectral peak of {@code x[from, from + n)} (n a power of two),
     * Hann-windowed, refined by parabolic interpolation of the log magnitude.
     */
    static double peakFrequency(float[] x, int from, int n, double sampleRate) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            a[i] = x[from + i] * w;
        }
        new DoubleFFT_1D(n).realForward(a);
        double[] mag = new double[n / 2];
        for (int k = 1; k < n / 2; k++) {
            mag[k] = Math.hypot(a[2 * k], a[2 * k + 1]);
        }
        int best = 2;
        for (int k = 2; k < n / 2 - 1; k++) {
            if (mag[k] > mag[best]) {
                best = k;
            }
        }
        double l = Math.log(mag[best - 1] + 1e-30);
        double c = Math.log(mag[best] + 1e-30);
        double r = Math.log(mag[best + 1] + 1e-30);
        double shift = 0.5 * (l - r) / (l - 2 * c + r);
        return (best + shift) * sampleRate / n;
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * (double) x[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
