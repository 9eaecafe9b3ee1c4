package org.sda.engine.generate;

/**
 * How a long code sequence is cut into chunks that are decoded on their own and joined again by
 * overlap-add. Chunk {@code i} owns code frames {@code [i * core, (i + 1) * core)} and is decoded
 * with {@code margin} extra frames on each side (where there are frames), so the decoder and
 * Griffin-Lim see context past the join. Across each join, the two chunks are crossfaded with
 * equal-power (sine/cosine) weights over {@code margin} frames centred on the join: inside the
 * region both chunks decoded with at least {@code margin / 2} frames of context.
 *
 * @param frames code frames in all
 * @param core code frames each chunk owns (the last may own fewer)
 * @param margin extra frames decoded on each side, and the crossfade length; even, below core
 * @param samplesPerFrame audio samples per code frame
 */
public record ChunkPlan(int frames, int core, int margin, int samplesPerFrame) {

    /** Default chunk: 128 code frames (about 1.5 s at 44.1 kHz, hop 256, downsample 2). */
    public static final int DEFAULT_CORE = 128;
    /** Default margin and crossfade: 8 code frames (about 93 ms). */
    public static final int DEFAULT_MARGIN = 8;

    public ChunkPlan {
        if (frames < 1 || core < 1 || margin < 0 || margin % 2 != 0 || margin >= core || samplesPerFrame < 1) {
            throw new IllegalArgumentException("bad chunk plan: " + frames + " frames, core " + core + ", margin "
                    + margin);
        }
    }

    public static ChunkPlan of(int frames, int samplesPerFrame) {
        return new ChunkPlan(frames, DEFAULT_CORE, DEFAULT_MARGIN, samplesPerFrame);
    }

    public int chunks() {
        return (frames + core - 1) / core;
    }

    /** First code frame chunk {@code i} decodes (margin included). */
    public int decodeStart(int i) {
        return Math.max(0, i * core - margin);
    }

    /** One past the last code frame chunk {@code i} decodes (margin included). */
    public int decodeEnd(int i) {
        return Math.min(frames, (i + 1) * core + margin);
    }

    /** Sample positions of the joins, for seam measurements. */
    public int[] joinSamples() {
        int[] joins = new int[chunks() - 1];
        for (int i = 1; i < chunks(); i++) {
            joins[i - 1] = i * core * samplesPerFrame;
        }
        return joins;
    }

    /**
     * Joins decoded chunks: {@code decoded[i]} holds chunk {@code i}'s audio, starting at code frame
     * {@link #decodeStart}. A chunk past the join weighs {@code sin}, the one before it {@code cos},
     * of the same ramp; outside a crossfade a sample comes from its owning chunk alone.
     *
     * @return {@code frames * samplesPerFrame} samples
     */
    public float[] stitch(float[][] decoded) {
        if (decoded.length != chunks()) {
            throw new IllegalArgumentException(decoded.length + " chunks, the plan has " + chunks());
        }
        float[] out = new float[frames * samplesPerFrame];
        int half = margin / 2 * samplesPerFrame;
        for (int i = 0; i < decoded.length; i++) {
            int offset = decodeStart(i) * samplesPerFrame;
            int from = i == 0 ? 0 : i * core * samplesPerFrame - half;
            int to = i == decoded.length - 1 ? out.length : (i + 1) * core * samplesPerFrame + half;
            float[] chunk = decoded[i];
            for (int s = from; s < to && s < out.length; s++) {
                int local = s - offset;
                if (local < 0 || local >= chunk.length) {
                    continue;
                }
                out[s] += (float) (weight(i, s, decoded.length) * chunk[local]);
            }
        }
        return out;
    }

    private double weight(int chunk, int sample, int count) {
        double w = 1;
        int half = margin / 2 * samplesPerFrame;
        if (half == 0) {
            return sample >= chunk * core * samplesPerFrame && sample < (chunk + 1) * core * samplesPerFrame ? 1 : 0;
        }
        if (chunk > 0) {
            int join = chunk * core * samplesPerFrame;
            double x = (sample - (join - half) + 0.5) / (2.0 * half);
            w *= x <= 0 ? 0 : x >= 1 ? 1 : Math.sin(0.5 * Math.PI * x);
        }
        if (chunk < count - 1) {
            int join = (chunk + 1) * core * samplesPerFrame;
            double x = (sample - (join - half) + 0.5) / (2.0 * half);
            w *= x <= 0 ? 1 : x >= 1 ? 0 : Math.cos(0.5 * Math.PI * x);
        }
        return w;
    }
}
