package org.sda.engine.dsp;

import java.util.Random;

/** Deterministic synthetic signals shared by the DSP tests. */
public final class TestSignals {

    private TestSignals() {}

    /** A sine of {@code amplitude} at {@code hz} plus seeded uniform noise of {@code noise} peak. */
    public static float[] sinePlusNoise(int length, double hz, double amplitude, double noise, int sr, long seed) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sr)
                    + noise * (2 * random.nextDouble() - 1));
        }
        return x;
    }

    /** A pure sine (cosine phase offset {@code phase}). */
    static float[] sine(int length, double hz, double amplitude, double phase, int sr) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.cos(2 * Math.PI * hz * i / sr + phase));
        }
        return x;
    }

    /**
     * A harmonic tone with vibrato: fundamental {@code f0} modulated by +-{@code depth} semitones
     * at {@code rate} Hz, ten harmonics with 1/h amplitudes, a slow amplitude envelope.
     */
    static float[] harmonicWithVibrato(int length, int sr, double f0, double depthSemitones, double rate) {
        float[] x = new float[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double t = (double) i / sr;
            double f = f0 * Math.pow(2, depthSemitones * Math.sin(2 * Math.PI * rate * t) / 12);
            phase += 2 * Math.PI * f / sr;
            double env = 0.5 * (1 - Math.cos(2 * Math.PI * Math.min(1.0, t / (length / (double) sr))));
            double s = 0;
            for (int h = 1; h <= 10; h++) {
                if (h * f < sr / 2.0) {
                    s += Math.sin(h * phase) / h;
                }
            }
            x[i] = (float) (0.3 * env * s);
        }
        return x;
    }

    static float peak(float[] x) {
        float p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
