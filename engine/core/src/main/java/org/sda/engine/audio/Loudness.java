package org.sda.engine.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Level measurement and normalisation: sample peak and integrated loudness.
 *
 * <p>{@link #integratedLufs} follows ITU-R BS.1770-4 (the measure behind EBU R 128):
 * <ol>
 *   <li>each channel is K-weighted ({@link KWeighting}, coefficients derived for the buffer's
 *       sample rate);
 *   <li>mean squares are taken over 400 ms blocks that overlap by 75% (a new block every
 *       100 ms); a trailing part shorter than 100 ms belongs to no block;
 *   <li>channels are summed with weights 1.0, except the surround channels: 1.41 for channels
 *       4 and 5 of a 5-channel buffer (L, R, C, Ls, Rs) and channels 5 and 6 of a 6-channel
 *       buffer, whose channel 4 is the LFE and is left out (L, R, C, LFE, Ls, Rs, the WAV and
 *       SMPTE order). Other layouts weigh every channel 1.0;
 *   <li>a block's loudness is {@code -0.691 + 10 log10(weighted sum)} LUFS; blocks at or below
 *       -70 LUFS are discarded (absolute gate), then blocks at or below the loudness of the
 *       remaining ones minus 10 LU (relative gate);
 *   <li>the result is the loudness of the mean power of the blocks that pass both gates.
 * </ol>
 * With these definitions a 0 dBFS 997 Hz sine in one channel measures -3.01 LUFS.
 *
 * <p>Silence, and anything shorter than one 400 ms block, has no loudness: the result is
 * {@link Double#NEGATIVE_INFINITY}, never NaN. {@link #peakDbfs} likewise gives -infinity for
 * all-zero audio.
 *
 * <p>Threading: stateless and safe to call concurrently. Measuring allocates one double per
 * 100 ms per channel; normalising allocates the new buffer.
 */
public final class Loudness {

    /**
     * The peak level the importer gives training audio; the reconstructor scales its input to the
     * same, so the model hears what it learned on.
     */
    public static final double TRAINING_PEAK_DBFS = -1.0;

    /** Block length and hop of BS.1770-4: 400 ms blocks, 100 ms apart (75% overlap). */
    private static final int SEGMENTS_PER_BLOCK = 4;
    private static final int SEGMENTS_PER_SECOND = 10;
    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final double RELATIVE_GATE_LU = -10.0;
    private static final double SURROUND_WEIGHT = 1.41;

    private Loudness() {}

    /** Largest absolute sample over all channels, in dB relative to full scale (1.0). */
    public static double peakDbfs(AudioBuffer audio) {
        return 20 * Math.log10(peak(audio));
    }

    /** Integrated loudness in LUFS, per ITU-R BS.1770-4 as described in the class comment. */
    public static double integratedLufs(AudioBuffer audio) {
        Objects.requireNonNull(audio, "audio");
        int rate = audio.sampleRate();
        int frames = audio.frameCount();
        int segments = (int) ((long) frames * SEGMENTS_PER_SECOND / rate);
        if (segments < SEGMENTS_PER_BLOCK) {
            return Double.NEGATIVE_INFINITY;
        }
        // Segment j covers [round(j * rate / 10), round((j + 1) * rate / 10)); for rates not
        // divisible by 10 the blocks differ by a sample, and each is normalised by its own length.
        long[] bounds = new long[segments + 1];
        for (int j = 0; j <= segments; j++) {
            bounds[j] = Math.min(frames, Math.round((double) j * rate / SEGMENTS_PER_SECOND));
        }
        KWeighting filter = new KWeighting(rate);
        double[] weights = channelWeights(audio.channelCount());
        int blocks = segments - SEGMENTS_PER_BLOCK + 1;
        double[] blockPower = new double[blocks];
        for (int c = 0; c < audio.channelCount(); c++) {
            if (weights[c] == 0) {
                continue;
            }
            double[] energy = filter.segmentEnergies(audio.channels()[c], bounds);
            for (int j = 0; j < blocks; j++) {
                double sum = 0;
                for (int k = 0; k < SEGMENTS_PER_BLOCK; k++) {
                    sum += energy[j + k];
                }
                blockPower[j] += weights[c] * sum / (bounds[j + SEGMENTS_PER_BLOCK] - bounds[j]);
            }
        }
        double absoluteGated = gatedMeanPower(blockPower, ABSOLUTE_GATE_LUFS);
        if (absoluteGated == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = lufs(absoluteGated) + RELATIVE_GATE_LU;
        double gated = gatedMeanPower(blockPower, Math.max(relativeGate, ABSOLUTE_GATE_LUFS));
        return lufs(gated);
    }

    /**
     * Scales {@code audio} so that its sample peak is {@code targetDbfs}. Returns a new buffer;
     * all-zero audio comes back as an unchanged copy, since no gain can give it a peak.
     */
    public static AudioBuffer normalizePeak(AudioBuffer audio, double targetDbfs) {
        double peak = peakDbfs(audio);
        return withGain(audio, Double.isInfinite(peak) ? 0 : targetDbfs - peak);
    }

    /**
     * Scales {@code audio} so that its integrated loudness is {@code targetLufs}. Returns a new
     * buffer; audio without a measurable loudness (silence, or shorter than 400 ms) comes back
     * as an unchanged copy. The result is not limited: raising quiet material can push peaks
     * past 0 dBFS, which {@link #peakDbfs} on the result shows.
     */
    public static AudioBuffer normalizeLoudness(AudioBuffer audio, double targetLufs) {
        double loudness = integratedLufs(audio);
        return withGain(audio, Double.isInfinite(loudness) ? 0 : targetLufs - loudness);
    }

    /** A new buffer with every sample scaled by {@code gainDb} decibels. */
    public static AudioBuffer withGain(AudioBuffer audio, double gainDb) {
        Objects.requireNonNull(audio, "audio");
        if (!Double.isFinite(gainDb)) {
            throw new IllegalArgumentException("gain must be finite: " + gainDb);
        }
        double gain = Math.pow(10, gainDb / 20);
        float[][] out = new float[audio.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            float[] in = audio.channels()[c];
            float[] scaled = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                scaled[i] = (float) (in[i] * gain);
            }
            out[c] = scaled;
        }
        return new AudioBuffer(out, audio.sampleRate());
    }

    private static double peak(AudioBuffer audio) {
        Objects.requireNonNull(audio, "audio");
        float max = 0;
        for (float[] channel : audio.channels()) {
            for (float v : channel) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    /** Mean power of the blocks louder than {@code gateLufs}; 0 if none is. */
    private static double gatedMeanPower(double[] blockPower, double gateLufs) {
        double sum = 0;
        int count = 0;
        for (double power : blockPower) {
            if (lufs(power) > gateLufs) {
                sum += power;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double lufs(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    static double[] channelWeights(int channels) {
        double[] weights = new double[channels];
        Arrays.fill(weights, 1.0);
        if (channels == 5) {
            weights[3] = SURROUND_WEIGHT;
            weights[4] = SURROUND_WEIGHT;
        } else if (channels == 6) {
            weights[3] = 0;
            weights[4] = SURROUND_WEIGHT;
            weights[5] = SURROUND_WEIGHT;
        }
        return weights;
    }
}
