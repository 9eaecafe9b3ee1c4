package org.sda.engine.dsp;

/**
 * Table-driven cosine and sine for turning phase estimates into unit phasors.
 *
 * <p>Griffin-Lim starts from one phase per coefficient, about 90,000 per second of 44.1 kHz
 * audio at hop 256; {@code Math.sin}/{@code Math.cos} on all of them cost as much as several
 * iterations. A 4096-point table with linear interpolation has a maximum error of
 * {@code (2 pi / 4096)^2 / 8 ~ 3e-7}, far below float resolution of the magnitudes it multiplies.
 */
final class PhaseTable {

    private static final int SIZE = 4096;
    private static final double STEPS_PER_RADIAN = SIZE / (2 * Math.PI);
    /** sin over one period plus one guard entry so interpolation never wraps. */
    private static final float[] SIN = new float[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            SIN[i] = (float) Math.sin(2 * Math.PI * i / SIZE);
        }
    }

    private PhaseTable() {}

    /** sin(phase) for any finite phase. */
    static float sin(double phase) {
        double x = phase * STEPS_PER_RADIAN;
        double floor = Math.floor(x);
        int i = (int) ((long) floor & (SIZE - 1));
        float frac = (float) (x - floor);
        return SIN[i] + frac * (SIN[i + 1] - SIN[i]);
    }

    /** cos(phase) for any finite phase. */
    static float cos(double phase) {
        return sin(phase + Math.PI / 2);
    }

    /** {@code phase} wrapped to [-pi, pi]. */
    static double wrap(double phase) {
        return phase - 2 * Math.PI * Math.rint(phase / (2 * Math.PI));
    }
}
