package org.sda.engine.generate;

/**
 * What to generate and how to sample it. Same settings and seed give the same audio, byte for
 * byte, on the same machine and build.
 *
 * @param seconds length of the sound at the model's rate, more than 0 and at most {@value #MAX_SECONDS}
 * @param temperature divides the logits before sampling: below 1 sharper (closer to the training
 *     sounds), above 1 flatter; 0 picks the most likely code every time
 * @param topK keep only the K most likely codes (0: all)
 * @param topP keep the smallest set of codes whose probabilities add up to P (1: all)
 * @param seed the random seed; variation {@code i} of a batch uses {@link #seedOf(int)}
 */
public record GenerationSettings(double seconds, double temperature, int topK, double topP, long seed) {

    public static final double MAX_SECONDS = 3600;

    public GenerationSettings {
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("duration must be more than 0 and at most " + (int) MAX_SECONDS
                    + " seconds, not " + seconds);
        }
        if (!(temperature >= 0) || temperature > 10) {
            throw new IllegalArgumentException("temperature must be between 0 and 10, not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (off) or more, not " + topK);
        }
        if (!(topP > 0) || topP > 1) {
            throw new IllegalArgumentException("top-p must be more than 0 and at most 1, not " + topP);
        }
    }

    /** 4 s at temperature 1, no top-k or top-p, seed 0. */
    public static GenerationSettings defaults() {
        return new GenerationSettings(4.0, 1.0, 0, 1.0, 0);
    }

    public GenerationSettings withSeconds(double s) {
        return new GenerationSettings(s, temperature, topK, topP, seed);
    }

    public GenerationSettings withTemperature(double t) {
        return new GenerationSettings(seconds, t, topK, topP, seed);
    }

    public GenerationSettings withSeed(long s) {
        return new GenerationSettings(seconds, temperature, topK, topP, s);
    }

    /**
     * The seed of variation {@code index} of a batch: variation 0 is {@link #seed()} itself, so a
     * batch's first sound is the sound a single generation with the same seed gives.
     */
    public long seedOf(int index) {
        return index == 0 ? seed : seed + 0x9E3779B97F4A7C15L * index;
    }
}
