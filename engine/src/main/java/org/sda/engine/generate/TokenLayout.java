package org.sda.engine.generate;

import java.util.List;
import org.sda.engine.model.SdaManifest;

/**
 * How code grids become the prior's token stream, in the {@code flat} order: frame by frame, and
 * within a frame level by level, coarse to fine. Each level has its own tokens: its codes
 * {@code 0..K-1} and a start-of-sound token {@code K}. A sound's stream begins with one frame of
 * start tokens, so a stream is always a whole number of frames and the level of the token at
 * stream index {@code i} is {@code i % levels}. The prior's embedding index of a token is
 * {@code level * tokensPerLevel + token}. The trainer and the engine both use this class, so the
 * two cannot disagree.
 *
 * @param levels code levels
 * @param tokensPerLevel codebook size + 1
 * @param contextTokens positions one window of the prior holds; a multiple of {@code levels}
 */
public record TokenLayout(int levels, int tokensPerLevel, int contextTokens) {

    public TokenLayout {
        if (levels < 1 || tokensPerLevel < 2 || contextTokens < 2 * levels || contextTokens % levels != 0) {
            throw new IllegalArgumentException("bad token layout: " + levels + " levels, " + tokensPerLevel
                    + " tokens per level, context " + contextTokens);
        }
    }

    public static TokenLayout of(SdaManifest.Prior prior, int levels) {
        return new TokenLayout(levels, prior.tokensPerLevel(), prior.contextTokens());
    }

    public int startToken() {
        return tokensPerLevel - 1;
    }

    public int codebookSize() {
        return tokensPerLevel - 1;
    }

    /** Embedding rows (and logits per position): {@code levels * tokensPerLevel}. */
    public int vocabulary() {
        return levels * tokensPerLevel;
    }

    public int contextFrames() {
        return contextTokens / levels;
    }

    public int embeddingIndex(int level, int token) {
        return level * tokensPerLevel + token;
    }

    /** The level of the token at a frame-aligned stream or window index. */
    public int levelAt(int index) {
        return index % levels;
    }

    /**
     * One sound's tokens: a start frame, then its code frames.
     *
     * @param codes {@code [levels][T']}
     */
    public int[] soundStream(long[][] codes) {
        if (codes.length != levels) {
            throw new IllegalArgumentException("codes have " + codes.length + " levels, the layout " + levels);
        }
        int frames = codes[0].length;
        int[] out = new int[(frames + 1) * levels];
        for (int l = 0; l < levels; l++) {
            out[l] = startToken();
        }
        for (int t = 0; t < frames; t++) {
            for (int l = 0; l < levels; l++) {
                long c = codes[l][t];
                if (c < 0 || c >= codebookSize()) {
                    throw new IllegalArgumentException("code " + c + " at level " + l + ", frame " + t
                            + " is outside 0.." + (codebookSize() - 1));
                }
                out[(t + 1) * levels + l] = (int) c;
            }
        }
        return out;
    }

    /** Sounds one after the other, each with its start frame. */
    public int[] stream(List<long[][]> sounds) {
        int total = 0;
        for (long[][] s : sounds) {
            total += (s[0].length + 1) * levels;
        }
        int[] out = new int[total];
        int at = 0;
        for (long[][] s : sounds) {
            int[] one = soundStream(s);
            System.arraycopy(one, 0, out, at, one.length);
            at += one.length;
        }
        return out;
    }

    /** Tokens (level-minor, frame-aligned, no start tokens) back to a grid {@code [levels][frames]}. */
    public long[][] grid(int[] tokens, int from, int frames) {
        long[][] codes = new long[levels][frames];
        for (int t = 0; t < frames; t++) {
            for (int l = 0; l < levels; l++) {
                codes[l][t] = tokens[from + t * levels + l];
            }
        }
        return codes;
    }
}
