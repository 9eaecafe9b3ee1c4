package org.sda.engine.analysis;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Fundamental frequency of a short stretch of audio, where it has one, by the McLeod pitch method
 * (P. McLeod and G. Wyvill, "A smarter way to find pitch", ICMC 2005): the normalised square
 * difference function {@code n(tau) = 2 r(tau) / m(tau)}, with the autocorrelation {@code r}
 * computed by FFT, its first key maximum within 90 % of the highest taken as the period, refined
 * by a parabola. A frame counts as pitched when that maximum (the clarity) is at least
 * {@value #MIN_CLARITY}: drums, noise and silence mostly are not.
 *
 * <p>Not thread-safe (it keeps its FFT buffer); one per thread.
 */
final class PitchTracker {

    static final int WINDOW = 2048;
    static final double MIN_HZ = 50;
    static final double MAX_HZ = 2000;
    static final double MIN_CLARITY = 0.8;
    private static final double KEY_MAXIMUM_SHARE = 0.9;

    private final int sampleRate;
    private final DoubleFFT_1D fft = new DoubleFFT_1D(2 * WINDOW);
    private final double[] buffer = new double[2 * WINDOW];
    private final double[] x = new double[WINDOW];

    PitchTracker(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /**
     * The pitch of the {@value #WINDOW} samples centred on {@code centre} (zeros beyond the ends),
     * as a MIDI note number (69 = A 440 Hz, fractional), or NaN where there is no clear pitch.
     */
    double midiAt(float[] signal, int centre) {
        int start = centre - WINDOW / 2;
        double energy = 0;
        for (int i = 0; i < WINDOW; i++) {
            int j = start + i;
            x[i] = j >= 0 && j < signal.length ? signal[j] : 0;
            energy += x[i] * x[i];
        }
        if (energy < 1e-8) {
            return Double.NaN;
        }
        java.util.Arrays.fill(buffer, 0);
        System.arraycopy(x, 0, buffer, 0, WINDOW);
        fft.realForward(buffer);
        buffer[0] = buffer[0] * buffer[0];
        buffer[1] = buffer[1] * buffer[1];
        for (int k = 1; k < WINDOW; k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            buffer[2 * k] = re * re + im * im;
            buffer[2 * k + 1] = 0;
        }
        fft.realInverse(buffer, true); // buffer[tau] = r(tau), linear for tau < WINDOW thanks to the zero padding
        int minLag = Math.max(2, (int) Math.floor(sampleRate / MAX_HZ));
        int maxLag = Math.min(WINDOW - 2, (int) Math.ceil(sampleRate / MIN_HZ));
        double[] nsdf = new double[maxLag + 2];
        double m = 2 * energy;
        for (int tau = 0; tau < nsdf.length; tau++) {
            if (tau > 0) {
                m -= x[tau - 1] * x[tau - 1] + x[WINDOW - tau] * x[WINDOW - tau];
            }
            nsdf[tau] = m > 1e-12 ? 2 * buffer[tau] / m : 0;
        }
        // Key maxima: the highest point of each positive stretch after the first negative-going crossing.
        double best = 0;
        int[] keys = new int[nsdf.length];
        int keyCount = 0;
        int tau = 1;
        while (tau < nsdf.length && nsdf[tau] > 0) {
            tau++;
        }
        int current = -1;
        for (; tau < nsdf.length - 1; tau++) {
            if (nsdf[tau] > 0) {
                if (current < 0 || nsdf[tau] > nsdf[current]) {
                    current = tau;
                }
            } else if (current >= 0) {
                keys[keyCount++] = current;
                best = Math.max(best, nsdf[current]);
                current = -1;
            }
        }
        if (current >= 0) {
            keys[keyCount++] = current;
            best = Math.max(best, nsdf[current]);
        }
        for (int i = 0; i < keyCount; i++) {
            int k = keys[i];
            if (nsdf[k] >= KEY_MAXIMUM_SHARE * best) {
                if (nsdf[k] < MIN_CLARITY || k < minLag || k > maxLag) {
                    return Double.NaN;
                }
                double a = nsdf[k - 1];
                double b = nsdf[k];
                double c = nsdf[k + 1];
                double denominator = a - 2 * b + c;
                double shift = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
                double hz = sampleRate / (k + Math.max(-0.5, Math.min(0.5, shift)));
                return 69 + 12 * Math.log(hz / 440) / Math.log(2);
            }
        }
        return Double.NaN;
    }
}
