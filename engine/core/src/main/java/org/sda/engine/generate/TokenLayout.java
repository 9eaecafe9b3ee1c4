package org.sda.engine.generate;

import java.util.List;
import java.util.Locale;
import org.sda.engine.model.SdaManifest;

/**
 * How code grids become the prior's token stream: one token per step, a stream frame of
 * {@code levels} tokens at a time, within a stream frame level by level, coarse to fine. Each level
 * has its own tokens: its codes {@code 0..K-1} and a start-of-sound token {@code K}, which also
 * pads. A sound's stream begins with one frame of start tokens, so a stream is always a whole number
 * of frames and the level of the token at stream index {@code i} is {@code i % levels}. The prior's
 * embedding index of a token is {@code level * tokensPerLevel + token}.
 *
 * <p>The {@link Order order} says which code frame each level of a stream frame holds. In the
 * {@code flat} order stream frame {@code s} (counted after the start frame) holds code frame
 * {@code s} on every level. In the {@code delay} order (MusicGen's delay pattern) level {@code l}
 * holds code frame {@code s - l}, or the start token where that is before the sound's first frame
 * or after its last; the stream then runs {@code levels - 1} frames longer, so that the last code
 * frame of every level is in it. So when the prior predicts a finer level's code it has already
 * seen the coarser levels' codes of the next frames.
 *
 * <p>The trainer and the engine both use this class, so the two cannot disagree. Immutable.
 *
 * @param levels code levels
 * @param tokensPerLevel codebook size + 1
 * @param contextTokens positions one window of the prior holds; a multiple of {@code levels}
 * @param order which code frame each level of a stream frame holds
 */
public record TokenLayout(int levels, int tokensPerLevel, int contextTokens, Order order) {

    /** The token orders, by their manifest names ({@code prior.tokenOrder}). */
    public enum Order {
        /** Every level of stream frame {@code s} holds code frame {@code s}. */
        FLAT(SdaManifest.Prior.FLAT),
        /** Level {@code l} of stream frame {@code s} holds code frame {@code s - l}. */
        DELAY(SdaManifest.Prior.DELAY);

        private final String manifestName;

        Order(String manifestName) {
            this.manifestName = manifestName;
        }

        public String manifestName() {
            return manifestName;
        }

        /**
         * @throws IllegalArgumentException naming the known orders when {@code name} is none of them
         */
        public static Order of(String name) {
            for (Order o : values()) {
                if (o.manifestName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown token order \"" + name + "\" (known: flat, delay)");
        }
    }

    public TokenLayout {
        if (levels < 1 || tokensPerLevel < 2 || contextTokens < 2 * levels || contextTokens % levels != 0
                || order == null) {
            throw new IllegalArgumentException("bad token layout: " + levels + " levels, " + tokensPerLevel
                    + " tokens per level, context " + contextTokens + ", order " + order);
        }
    }

    /**
     * @throws IllegalArgumentException when the manifest's numbers or its token order do not make a layout
     */
    public static TokenLayout of(SdaManifest.Prior prior, int levels) {
        return new TokenLayout(levels, prior.tokensPerLevel(), prior.contextTokens(), Order.of(prior.tokenOrder()));
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

    /** How many stream frames level {@code level} lags behind the code frames: 0, or {@code level} in the delay order. */
    public int delay(int level) {
        return order == Order.DELAY ? level : 0;
    }

    /** Stream frames (after the start frame) that hold {@code codeFrames} code frames. */
    public int streamFrames(int codeFrames) {
        return codeFrames + delay(levels - 1);
    }

    /** Code frames complete once {@code streamFrames} stream frames (after the start frame) are: never more than asked for. */
    public int codeFramesIn(int streamFrames) {
        return Math.max(0, streamFrames - delay(levels - 1));
    }

    /**
     * Whether the token at {@code level} of stream frame {@code streamFrame} (counted after the start
     * frame) lies before the sound's first code frame, so it is the start token, never sampled.
     */
    public boolean beforeStart(int streamFrame, int level) {
        return streamFrame < delay(level);
    }

    /**
     * One sound's tokens: a start frame, then {@link #streamFrames} frames.
     *
     * @param codes {@code [levels][T']}
     */
    public int[] soundStream(long[][] codes) {
        if (codes.length != levels) {
            throw new IllegalArgumentException("codes have " + codes.length + " levels, the layout " + levels);
        }
        int frames = codes[0].length;
        int streamFrames = streamFrames(frames);
        int[] out = new int[(streamFrames + 1) * levels];
        java.util.Arrays.fill(out, startToken());
        for (int l = 0; l < levels; l++) {
            if (codes[l].length != frames) {
                throw new IllegalArgumentException("level " + l + " has " + codes[l].length + " frames, level 0 "
                        + frames);
            }
            for (int t = 0; t < frames; t++) {
                long c = codes[l][t];
                if (c < 0 || c >= codebookSize()) {
                    throw new IllegalArgumentException("code " + c + " at level " + l + ", frame " + t
                            + " is outside 0.." + (codebookSize() - 1));
                }
                out[(t + delay(l) + 1) * levels + l] = (int) c;
            }
        }
        return out;
    }

    /** Sounds one after the other, each with its start frame. */
    public int[] stream(List<long[][]> sounds) {
        int total = 0;
        for (long[][] s : sounds) {
            total += (streamFrames(s[0].length) + 1) * levels;
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

    /**
     * A stream back to code frames {@code [levels][frames]}, dropping the padding: code frame
     * {@code t} of level {@code l} is read from stream frame {@code fromFrame + t + delay(l)}.
     *
     * @param tokens a frame-aligned stream; {@code fromFrame} counts its frames (for a generated
     *     stream, which has no start frame, {@code fromFrame} is the first code frame wanted; for
     *     a {@link #soundStream} it is one more)
     * @param frames code frames wanted; the stream must hold {@code fromFrame + streamFrames(frames)} frames
     */
    public long[][] grid(int[] tokens, int fromFrame, int frames) {
        if ((long) (fromFrame + streamFrames(frames)) * levels > tokens.length) {
            throw new IllegalArgumentException(frames + " code frames from stream frame " + fromFrame
                    + " need " + (fromFrame + streamFrames(frames)) + " stream frames, the stream has "
                    + tokens.length / levels);
        }
        long[][] codes = new long[levels][frames];
        for (int l = 0; l < levels; l++) {
            int base = (fromFrame + delay(l)) * levels + l;
            for (int t = 0; t < frames; t++) {
                codes[l][t] = tokens[base + t * levels];
            }
        }
        return codes;
    }
}
