package org.sda.engine.analysis;

import java.util.Locale;
import org.sda.engine.dsp.Stft;
import org.sda.engine.dsp.StftConfig;

/**
 * The audio qualities the control axes are named after, measured per code frame (the
 * {@code downsample} STFT frames one latent frame covers) so they line up with the latent:
 *
 * <ul>
 *   <li>brightness: spectral centroid (magnitude-weighted mean frequency), in octaves above 1 Hz;
 *   <li>loudness: mean power of the frame's spectrum, dB;
 *   <li>noisiness: spectral flatness (geometric over arithmetic mean of the power), dB;
 *   <li>attack: how much louder the frame is than the one before, dB, 0 when it is not;
 *   <li>pitch: MIDI note number where the frame has a clear pitch ({@link PitchTracker}).
 * </ul>
 *
 * Frames more than {@value #GATE_DB} dB below the sound's loudest frame count as silence: every
 * descriptor is NaN there (a silent frame has no brightness), as is pitch where there is none and
 * attack on the first frame. Not thread-safe (its pitch tracker keeps buffers); one per thread.
 */
public final class Descriptors {

    /** The descriptors, in the column order of {@link #perFrame}. */
    public enum Kind {
        BRIGHTNESS, LOUDNESS, NOISINESS, ATTACK, PITCH;

        /** The name an axis labelled by this descriptor gets. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    static final double GATE_DB = 50;
    private static final double POWER_FLOOR = 1e-12;

    private final Stft stft;
    private final int sampleRate;
    private final int hop;
    private final int downsample;
    private final PitchTracker pitch;
    /** Per-frame loudness of the last {@link #perFrame} call, silent frames included. */
    private double[] lastLoudness = new double[0];

    public Descriptors(int sampleRate, StftConfig config, int downsample) {
        this.stft = new Stft(config);
        this.sampleRate = sampleRate;
        this.hop = config.hop();
        this.downsample = downsample;
        this.pitch = new PitchTracker(sampleRate);
    }

    /**
     * Descriptors per code frame of a mono sound at the model rate.
     *
     * @return {@code [ceil((1 + length / hop) / downsample)][Kind.values().length]}, NaN where undefined
     */
    public double[][] perFrame(float[] signal) {
        float[][] magnitude = stft.magnitude(signal);
        int frames = (magnitude.length + downsample - 1) / downsample;
        int bins = magnitude[0].length;
        double[][] out = new double[frames][Kind.values().length];
        double[] loudness = new double[frames];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            double power = 0;
            double weighted = 0;
            double magnitudeSum = 0;
            double logPower = 0;
            int count = 0;
            for (int f = t * downsample; f < Math.min(magnitude.length, (t + 1) * downsample); f++) {
                for (int k = 0; k < bins; k++) {
                    double m = magnitude[f][k];
                    double p = m * m;
                    power += p;
                    magnitudeSum += m;
                    weighted += m * stft.config().binFrequency(k, sampleRate);
                    logPower += Math.log(p + POWER_FLOOR);
                    count++;
                }
            }
            double meanPower = power / count;
            loudness[t] = 10 * Math.log10(meanPower + POWER_FLOOR);
            loudest = Math.max(loudest, loudness[t]);
            double centroid = magnitudeSum > 0 ? weighted / magnitudeSum : 0;
            out[t][Kind.BRIGHTNESS.ordinal()] = Math.log(Math.max(centroid, 1)) / Math.log(2);
            out[t][Kind.LOUDNESS.ordinal()] = loudness[t];
            out[t][Kind.NOISINESS.ordinal()] = 10 * Math.log10(Math.exp(logPower / count) / (meanPower + POWER_FLOOR));
            out[t][Kind.ATTACK.ordinal()] = t == 0 ? Double.NaN : Math.max(0, loudness[t] - loudness[t - 1]);
            int centre = (int) Math.round((t * downsample + (downsample - 1) / 2.0) * hop);
            out[t][Kind.PITCH.ordinal()] = pitch.midiAt(signal, centre);
        }
        lastLoudness = loudness;
        for (int t = 0; t < frames; t++) {
            if (loudness[t] < loudest - GATE_DB || loudness[t] <= 10 * Math.log10(2 * POWER_FLOOR)) {
                java.util.Arrays.fill(out[t], Double.NaN);
            }
        }
        return out;
    }

    /** Whether frame descriptors say the frame is sounding (not gated as silence). */
    public static boolean sounding(double[] frame) {
        return !Double.isNaN(frame[Kind.LOUDNESS.ordinal()]);
    }

    /**
     * The descriptors of a whole sound: loudness is the power averaged over all frames, in dB
     * (the level of the sound, which the mean of per-frame decibels over the sounding frames is
     * not: a louder sound lets more of its quiet tail past the silence gate and would lower that
     * mean); every other descriptor is its mean over the sounding frames (pitch over the pitched
     * ones). NaN where no frame has it.
     */
    public double[] means(float[] signal) {
        double[][] frames = perFrame(signal);
        double[] sum = new double[Kind.values().length];
        int[] count = new int[sum.length];
        for (double[] f : frames) {
            for (int k = 0; k < sum.length; k++) {
                if (!Double.isNaN(f[k])) {
                    sum[k] += f[k];
                    count[k]++;
                }
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        }
        double power = 0;
        for (double level : lastLoudness) {
            power += Math.pow(10, level / 10);
        }
        sum[Kind.LOUDNESS.ordinal()] = 10 * Math.log10(power / lastLoudness.length);
        return sum;
    }
}
