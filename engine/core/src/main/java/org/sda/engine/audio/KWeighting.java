package org.sda.engine.audio;

/**
 * The K-weighting pre-filter of ITU-R BS.1770-4: a high shelf (+4 dB above about 1.5 kHz,
 * modelling the head) followed by a high-pass (the "RLB" curve, about 38 Hz).
 *
 * <p>The standard tabulates coefficients for 48 kHz only. Here both biquads are derived for any
 * rate from their analog prototypes (centre frequency, gain and Q fitted to the tabulated
 * filters, the approach used by libebur128) through the bilinear transform; at 48 kHz this
 * reproduces the standard's table to about 1e-8.
 *
 * <p>Instances are immutable; {@link #segmentEnergies} keeps its filter state in locals and
 * allocates only one double per segment, so one instance serves any number of threads and long
 * signals cost no sample-sized scratch memory.
 */
final class KWeighting {

    private static final double SHELF_HZ = 1681.974450955533;
    private static final double SHELF_GAIN_DB = 3.999843853973347;
    private static final double SHELF_Q = 0.7071752369554196;
    private static final double HIGHPASS_HZ = 38.13547087602444;
    private static final double HIGHPASS_Q = 0.5003270373238773;

    /** Shelf then high-pass, each {b0, b1, b2, a1, a2} with a0 normalised to 1. */
    final double[] shelf;
    final double[] highPass;

    KWeighting(int sampleRate) {
        double k = Math.tan(Math.PI * SHELF_HZ / sampleRate);
        double vh = Math.pow(10, SHELF_GAIN_DB / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / SHELF_Q + k * k;
        shelf = new double[] {
            (vh + vb * k / SHELF_Q + k * k) / a0,
            2 * (k * k - vh) / a0,
            (vh - vb * k / SHELF_Q + k * k) / a0,
            2 * (k * k - 1) / a0,
            (1 - k / SHELF_Q + k * k) / a0};

        k = Math.tan(Math.PI * HIGHPASS_HZ / sampleRate);
        a0 = 1 + k / HIGHPASS_Q + k * k;
        // The standard's table gives the numerator unnormalised as {1, -2, 1}; its gain
        // difference from a0 is absorbed by the -0.691 dB constant of the loudness formula.
        highPass = new double[] {1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / HIGHPASS_Q + k * k) / a0};
    }

    /**
     * Filters one channel (both stages, zero initial state) and sums the squared output over
     * consecutive segments: {@code result[j]} covers samples {@code [bounds[j], bounds[j + 1])}.
     * Samples past the last bound are filtered by nobody, as they belong to no segment.
     */
    double[] segmentEnergies(float[] x, long[] bounds) {
        double[] energies = new double[bounds.length - 1];
        // Direct form I in double precision: the high-pass pole sits close to z = 1, where
        // single precision would add noise at low levels.
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        double u1 = 0, u2 = 0, z1 = 0, z2 = 0;
        double[] s = shelf;
        double[] h = highPass;
        for (int segment = 0; segment < energies.length; segment++) {
            double energy = 0;
            for (int i = (int) bounds[segment]; i < bounds[segment + 1]; i++) {
                double in = x[i];
                double y = s[0] * in + s[1] * x1 + s[2] * x2 - s[3] * y1 - s[4] * y2;
                x2 = x1;
                x1 = in;
                y2 = y1;
                y1 = y;
                double z = h[0] * y + h[1] * u1 + h[2] * u2 - h[3] * z1 - h[4] * z2;
                u2 = u1;
                u1 = y;
                z2 = z1;
                z1 = z;
                energy += z * z;
            }
            energies[segment] = energy;
        }
        return energies;
    }
}
