package org.sda.engine.dsp;

import java.util.List;

/**
 * How a one-shot dies away, from its RMS level in short blocks: how far it falls from its loudest
 * block to its last, whether it rises again after the loudest, and how fast it falls 30 dB. A drum
 * hit falls far, never rises, and falls fast; a generated "hit" with ghost hits in its tail rises
 * again, and one the prior cut short falls little.
 *
 * @param fallDb the loudest 50-ms block's level minus the last block's
 * @param notRising the share of 50-ms steps after the loudest block that do not rise by
 *     {@value #RISE_DB} dB or more (1 if there are none)
 * @param dbPerSecondTo30 30 dB over the time from the loudest of the first ten 11.6-ms blocks to the
 *     first block 30 dB under it (to the end if none is)
 */
public record DecayShape(double fallDb, double notRising, double dbPerSecondTo30) {

    /** A step up of this much, or more, counts as a rise. */
    public static final double RISE_DB = 1.5;
    static final double LEVEL_BLOCK_SECONDS = 0.05;
    static final double SPEED_BLOCK_SECONDS = 0.0116;

    /** The shape of a mono sound; null if it is shorter than one 50-ms block. */
    public static DecayShape of(float[] audio, int sampleRate) {
        double[] level = levels(audio, (int) (sampleRate * LEVEL_BLOCK_SECONDS));
        if (level.length == 0) {
            return null;
        }
        int peak = argmax(level, level.length);
        int steps = level.length - 1 - peak;
        int flat = 0;
        for (int i = peak + 1; i < level.length; i++) {
            flat += level[i] - level[i - 1] < RISE_DB ? 1 : 0;
        }
        double[] fine = levels(audio, (int) (sampleRate * SPEED_BLOCK_SECONDS));
        int start = argmax(fine, Math.min(fine.length, 10));
        int down = fine.length - start;
        for (int i = start; i < fine.length; i++) {
            if (fine[i] < fine[start] - 30) {
                down = i - start;
                break;
            }
        }
        double seconds = down * SPEED_BLOCK_SECONDS;
        return new DecayShape(level[peak] - level[level.length - 1], steps == 0 ? 1 : (double) flat / steps,
                seconds > 0 ? 30 / seconds : 0);
    }

    /** Medians of fall and speed, the mean share of steps not rising, over the sounds long enough to measure. */
    public static DecayShape summary(List<float[]> sounds, int sampleRate) {
        List<DecayShape> shapes = sounds.stream().map(s -> of(s, sampleRate)).filter(s -> s != null).toList();
        if (shapes.isEmpty()) {
            return null;
        }
        return new DecayShape(JumpRate.percentile(shapes.stream().mapToDouble(DecayShape::fallDb).toArray(), 50),
                shapes.stream().mapToDouble(DecayShape::notRising).average().orElseThrow(),
                JumpRate.percentile(shapes.stream().mapToDouble(DecayShape::dbPerSecondTo30).toArray(), 50));
    }

    /** RMS level in dB of each whole block of {@code block} samples. */
    private static double[] levels(float[] audio, int block) {
        double[] out = new double[block < 1 ? 0 : audio.length / block];
        for (int b = 0; b < out.length; b++) {
            double sum = 0;
            for (int i = b * block; i < (b + 1) * block; i++) {
                sum += (double) audio[i] * audio[i];
            }
            out[b] = 20 * Math.log10(Math.sqrt(sum / block) + 1e-9);
        }
        return out;
    }

    private static int argmax(double[] x, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }
}
