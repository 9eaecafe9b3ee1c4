package org.sda.engine.dsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Broadband jumps (clicks, hard cuts, textures switching on and off) per second of audio, against
 * a threshold taken from a set of real sounds, so that the set itself scores about
 * {@code (100 - q)} % of its frames by construction (0.86 per second at 44.1 kHz, hop 256,
 * q = 99.5).
 *
 * <p>Definition: STFT with n_fft 1024, hop 256, periodic Hann, centred ({@link Stft});
 * {@code L = 20 log10(|X| + 1e-9)}, floored at the clip's maximum minus 80 dB;
 * {@code flux(t) = mean over bins of |L(t) - L(t-1)|} for {@code t >= 1}. The threshold is the
 * q-th percentile (linear interpolation, numpy's default) of the flux over every frame of the
 * reference sounds (the first 20 s of each; clips of at most 2048 samples are left out); the rate
 * of some audio is the number of its frames above the threshold per second of it.
 *
 * <p>Unlike {@link SpectralFlux} (a normalised, rise-only flux for seams), this counts falls as
 * well as rises: a texture that stops dead is as much a jump as one that starts.
 *
 * <p>Immutable and thread-safe.
 */
public final class JumpRate {

    public static final int N_FFT = 1024;
    public static final int HOP = 256;
    /** The percentile of the reference flux used as threshold. */
    public static final double PERCENTILE = 99.5;
    /** Reference sounds contribute at most this many seconds each. */
    public static final double REFERENCE_SECONDS = 20;
    private static final double RANGE_DB = 80;

    private static final Stft STFT = new Stft(new StftConfig(N_FFT, HOP));

    private final int sampleRate;
    private final double threshold;
    private final double ownRate;

    private JumpRate(int sampleRate, double threshold, double ownRate) {
        this.sampleRate = sampleRate;
        this.threshold = threshold;
        this.ownRate = ownRate;
    }

    /**
     * The yardstick of a set of sounds.
     *
     * @param reference the set's sounds (training sounds), mono at {@code sampleRate}
     * @throws IllegalArgumentException if no sound is longer than 2048 samples
     */
    public static JumpRate of(List<float[]> reference, int sampleRate) {
        Objects.requireNonNull(reference, "reference");
        int limit = (int) (REFERENCE_SECONDS * sampleRate);
        List<double[]> fluxes = new ArrayList<>();
        int frames = 0;
        for (float[] clip : reference) {
            if (clip.length <= 2 * N_FFT) {
                continue;
            }
            double[] f = flux(clip.length > limit ? Arrays.copyOf(clip, limit) : clip);
            fluxes.add(f);
            frames += f.length;
        }
        if (frames == 0) {
            throw new IllegalArgumentException("no reference sound is longer than " + 2 * N_FFT + " samples");
        }
        double[] all = new double[frames];
        int at = 0;
        for (double[] f : fluxes) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        double threshold = percentile(all, PERCENTILE);
        long above = Arrays.stream(all).filter(v -> v > threshold).count();
        double ownRate = above / (double) frames * sampleRate / HOP;
        return new JumpRate(sampleRate, threshold, ownRate);
    }

    /** A yardstick with a known threshold (for tests and for comparing runs). */
    public static JumpRate withThreshold(double threshold, int sampleRate) {
        return new JumpRate(sampleRate, threshold, Double.NaN);
    }

    /** The flux threshold, in dB (mean absolute change per bin between frames). */
    public double threshold() {
        return threshold;
    }

    /** The reference set's own rate, frames above the threshold per second (NaN if made from a threshold). */
    public double ownRate() {
        return ownRate;
    }

    /** Frames of {@code sounds} above the threshold, per second of them all. */
    public double rate(List<float[]> sounds) {
        long jumps = 0;
        long samples = 0;
        for (float[] s : sounds) {
            jumps += count(s);
            samples += s.length;
        }
        return samples == 0 ? Double.NaN : jumps / (samples / (double) sampleRate);
    }

    /** Frames of one sound above the threshold. */
    public int count(float[] sound) {
        int n = 0;
        for (double f : flux(sound)) {
            if (f > threshold) {
                n++;
            }
        }
        return n;
    }

    /**
     * The jump flux of a sound: for frames {@code 1 .. T-1} of its STFT, the mean over bins of the
     * absolute change of the floored log magnitude, in dB. {@code T - 1} values (none for a
     * sound of less than one hop).
     */
    public static double[] flux(float[] signal) {
        float[][] mag = STFT.magnitude(signal);
        int frames = mag.length;
        int bins = STFT.bins();
        double[][] level = new double[frames][bins];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                double l = 20 * Math.log10(mag[t][k] + 1e-9);
                level[t][k] = l;
                max = Math.max(max, l);
            }
        }
        double floor = max - RANGE_DB;
        double[] flux = new double[Math.max(0, frames - 1)];
        for (int t = 1; t < frames; t++) {
            double sum = 0;
            for (int k = 0; k < bins; k++) {
                sum += Math.abs(Math.max(level[t][k], floor) - Math.max(level[t - 1][k], floor));
            }
            flux[t - 1] = sum / bins;
        }
        return flux;
    }

    /** The q-th percentile (0..100) with linear interpolation between order statistics. */
    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
