package org.sda.engine.generate;

import java.util.Objects;

/**
 * Samples code frames from the prior, for as many frames as asked: longer than the prior's
 * context by windowed continuation. The first window starts from a start-of-sound frame; when a
 * window is full, a new one starts from position 0 with the last {@link #promptFrames} frames
 * (and any part of the current frame) as its prompt, so the music carries on from where it was.
 * Start-of-sound tokens are never sampled.
 *
 * <p>Threading: one generation per thread; the runtime may be shared.
 */
public final class CodeGenerator {

    /** Told after each complete frame, on the generating thread. */
    @FunctionalInterface
    public interface FrameListener {
        FrameListener NONE = (frames, tokens) -> { };

        /**
         * @param frames complete frames so far
         * @param tokens the stream so far ({@code frames * levels} valid entries, level-minor); later
         *     entries are still being written, earlier ones never change
         */
        void framesReady(int frames, int[] tokens);
    }

    /**
     * @param tokens the sampled stream, {@code frames * levels}, level-minor (see {@link TokenLayout})
     * @param steps prior runs made (one per token with the cache, plus one per re-prompt)
     * @param windows context windows used
     */
    public record Result(int[] tokens, int frames, long steps, int windows) {
    }

    private final PriorRuntime prior;
    private final TokenLayout layout;
    private final int promptFrames;

    public CodeGenerator(PriorRuntime prior) {
        this.prior = Objects.requireNonNull(prior, "prior");
        this.layout = prior.layout();
        this.promptFrames = Math.max(1, layout.contextFrames() / 4);
    }

    /** Frames of the previous window that prompt the next one: a quarter of the context. */
    public int promptFrames() {
        return promptFrames;
    }

    /** Samples {@code frames} code frames. */
    public Result generate(int frames, TokenSampler sampler, FrameListener listener) {
        return run(frames, sampler, listener, true);
    }

    /**
     * The same sampling without the key/value cache: every token re-runs its whole window prefix
     * in one call, as a prior without a cache must. Same tokens as {@link #generate} (to rounding);
     * for measuring what the cache saves.
     */
    public Result generateWithoutCache(int frames, TokenSampler sampler) {
        return run(frames, sampler, FrameListener.NONE, false);
    }

    private Result run(int frames, TokenSampler sampler, FrameListener listener, boolean cached) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1");
        }
        int levels = layout.levels();
        int perLevel = layout.tokensPerLevel();
        int context = layout.contextTokens();
        int total = frames * levels;
        int[] out = new int[total];
        long steps = 0;
        int windows = 1;
        // window[] holds the current window's embedding indices, for the cache-less path.
        int[] window = new int[context];
        int filled = 0;
        try (PriorRuntime.State state = prior.newState()) {
            for (int l = 0; l < levels; l++) {
                window[filled++] = layout.embeddingIndex(l, layout.startToken());
            }
            float[] logits = prior.step(state, java.util.Arrays.copyOf(window, filled), 0);
            steps++;
            int n = 0;
            while (true) {
                int level = n % levels;
                int token = sampler.sample(logits, level * perLevel, perLevel, layout.startToken());
                out[n++] = token;
                if (n % levels == 0) {
                    listener.framesReady(n / levels, out);
                }
                if (n == total) {
                    break;
                }
                if (filled == context) {
                    // The window is full: prompt a new one with the tail of this one.
                    int complete = n / levels;
                    int from = (complete - Math.min(promptFrames, complete)) * levels;
                    filled = 0;
                    for (int i = from; i < n; i++) {
                        window[filled++] = layout.embeddingIndex(i % levels, out[i]);
                    }
                    state.reset();
                    logits = prior.step(state, java.util.Arrays.copyOf(window, filled), 0);
                    windows++;
                } else {
                    window[filled++] = layout.embeddingIndex(level, token);
                    if (cached) {
                        logits = prior.step(state, window[filled - 1], filled - 1);
                    } else {
                        state.reset();
                        logits = prior.step(state, java.util.Arrays.copyOf(window, filled), 0);
                    }
                }
                steps++;
            }
        }
        return new Result(out, frames, steps, windows);
    }
}
