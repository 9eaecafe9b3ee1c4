package org.sda.engine.generate;

import java.util.Objects;

/**
 * Samples code frames from the prior, for as many frames as asked: longer than the prior's
 * context by windowed continuation. The first window starts from a start-of-sound frame; when a
 * window is full, a new one starts from position 0 with the last {@link #promptFrames} frames
 * (and any part of the current frame) as its prompt, so the music carries on from where it was.
 * Start-of-sound tokens are never sampled: where the layout's order puts one (a delayed level
 * before its first code frame) it is fed, not drawn. Windows and prompts count stream frames; the
 * listener and {@link TokenLayout#grid} turn them into code frames.
 *
 * <p>Threading: one generation per thread; the runtime may be shared.
 */
public final class CodeGenerator {

    /** Told after each complete frame, on the generating thread. */
    @FunctionalInterface
    public interface FrameListener {
        FrameListener NONE = (frames, tokens) -> { };

        /**
         * @param frames complete code frames so far ({@link TokenLayout#codeFramesIn} of the stream
         *     frames sampled), at least 1
         * @param tokens the stream so far (no start frame; read it with {@link TokenLayout#grid});
         *     later entries are still being written, earlier ones never change
         */
        void framesReady(int frames, int[] tokens);
    }

    /**
     * @param tokens the sampled stream without its start frame, {@code streamFrames(frames) * levels}
     *     tokens in the layout's order; {@link TokenLayout#grid}{@code (tokens, 0, frames)} gives the codes
     * @param steps prior runs made (one per token with the cache, plus one per re-prompt)
     * @param windows context windows used
     * @param endFrame the code frame at which the prior ended the sound (it drew the start-of-sound
     *     token on the coarse level, which in training follows a sound's last frame), or
     *     {@code frames} if it did not (or was not allowed to); the tokens go on past it, sampled as
     *     if it had not ended, so that a batch stays in step, until every sequence of the batch
     *     has ended and has {@link #FRAMES_PAST_END} frames past the latest end: the tokens after
     *     those are 0
     */
    public record Result(int[] tokens, int frames, long steps, int windows, int endFrame) {

        public Result(int[] tokens, int frames, long steps, int windows) {
            this(tokens, frames, steps, windows, frames);
        }

        /** Whether the prior ended the sound before {@code frames}. */
        public boolean ended() {
            return endFrame < frames;
        }
    }

    private final PriorRuntime prior;
    private final TokenLayout layout;
    private final int promptFrames;
    private final int earliestEnd;
    private final CoarseContinuity continuity;
    private final DecayGuide decay;

    /** A generator whose sounds run the whole length asked for. */
    public CodeGenerator(PriorRuntime prior) {
        this(prior, -1);
    }

    public CodeGenerator(PriorRuntime prior, int earliestEnd) {
        this(prior, earliestEnd, null);
    }

    /**
     * @param earliestEnd the first code frame at which the prior may end a sound by drawing the
     *     start-of-sound token on the coarse level ({@link Result#endFrame}); -1: never. Sets of
     *     one-shots use it: there a sound's end is part of what the prior learned, and a sound
     *     forced on past it turns into a train of hits.
     * @param continuity the penalty on the coarse level's leaps, or null for none
     */
    public CodeGenerator(PriorRuntime prior, int earliestEnd, CoarseContinuity continuity) {
        this(prior, earliestEnd, continuity, null);
    }

    /**
     * @param decay keeps one-shots dying away after their attack ({@link DecayGuide}), or null for
     *     no such guide
     */
    public CodeGenerator(PriorRuntime prior, int earliestEnd, CoarseContinuity continuity, DecayGuide decay) {
        this.prior = Objects.requireNonNull(prior, "prior");
        this.layout = prior.layout();
        this.promptFrames = Math.max(1, layout.contextFrames() / 4);
        this.earliestEnd = earliestEnd;
        this.continuity = continuity;
        this.decay = decay;
    }

    /** Frames of the previous window that prompt the next one: a quarter of the context. */
    public int promptFrames() {
        return promptFrames;
    }

    /** Samples {@code frames} code frames. */
    public Result generate(int frames, TokenSampler sampler, FrameListener listener) {
        return generateBatch(frames, new TokenSampler[] {sampler}, (row, ready, tokens) ->
                listener.framesReady(ready, tokens))[0];
    }

    /** Told after each complete frame of a batch (all sequences advance together), on the generating thread. */
    @FunctionalInterface
    public interface BatchListener {
        void framesReady(int sequence, int frames, int[] tokens);

        /**
         * The prior ended sequence {@code sequence} at code frame {@code endFrame}
         * ({@link Result#endFrame}); told before the frames past it are ready, so that whatever
         * waits on them can settle for fewer.
         */
        default void ended(int sequence, int endFrame) {
        }
    }

    /**
     * Code frames sampled past the latest end before a batch whose every sequence has ended stops:
     * the decoder's context past the end ({@link ChunkPlan#DEFAULT_MARGIN}).
     */
    public static final int FRAMES_PAST_END = ChunkPlan.DEFAULT_MARGIN;

    /**
     * Samples {@code samplers.length} sequences of {@code frames} frames at once: one prior run feeds
     * a token to every sequence, which costs little more than one run for one sequence. Sequence
     * {@code i} draws from {@code samplers[i]}. Same samplers (seeds) and batch size give the same
     * tokens; a sequence sampled in a batch of another size may differ in rare draws, since the
     * logits may differ in the last bits.
     */
    public Result[] generateBatch(int frames, TokenSampler[] samplers, BatchListener listener) {
        return run(frames, samplers, listener, true);
    }

    /**
     * The same sampling without the key/value cache: every token re-runs its whole window prefix
     * in one call, as a prior without a cache must. Same tokens as {@link #generate} (to rounding);
     * for measuring what the cache saves.
     */
    public Result generateWithoutCache(int frames, TokenSampler sampler) {
        return run(frames, new TokenSampler[] {sampler}, (row, ready, tokens) -> { }, false)[0];
    }

    private Result[] run(int frames, TokenSampler[] samplers, BatchListener listener, boolean cached) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1");
        }
        int batch = samplers.length;
        int levels = layout.levels();
        int perLevel = layout.tokensPerLevel();
        int vocabulary = layout.vocabulary();
        int context = layout.contextTokens();
        int total = layout.streamFrames(frames) * levels;
        int[][] out = new int[batch][total];
        int[] endFrame = new int[batch];
        java.util.Arrays.fill(endFrame, frames);
        int ended = 0;
        int latestEnd = -1;
        DecayGuide.Track[] tracks = new DecayGuide.Track[batch];
        for (int b = 0; b < batch && decay != null; b++) {
            tracks[b] = decay.track();
        }
        long steps = 0;
        int windows = 1;
        // window[b] holds sequence b's current window as embedding indices.
        int[][] window = new int[batch][context];
        int filled = 0;
        try (PriorRuntime.State state = prior.newState(batch)) {
            for (int l = 0; l < levels; l++) {
                for (int b = 0; b < batch; b++) {
                    window[b][filled] = layout.embeddingIndex(l, layout.startToken());
                }
                filled++;
            }
            float[] logits = prior.stepBatch(state, prefixes(window, filled), filled, 0);
            steps++;
            int n = 0;
            int[] next = new int[batch];
            while (true) {
                int level = n % levels;
                boolean padding = layout.beforeStart(n / levels, level);
                int streamFrame = n / levels;
                boolean mayEnd = level == 0 && earliestEnd >= 0 && streamFrame >= earliestEnd && streamFrame < frames;
                for (int b = 0; b < batch; b++) {
                    int from = b * vocabulary + level * perLevel;
                    if (continuity != null && level == 0 && !padding && n >= levels) {
                        continuity.apply(logits, from, out[b][n - levels]);
                    }
                    if (decay != null && level == 0 && !padding) {
                        tracks[b].apply(logits, from);
                    }
                    int token;
                    if (padding) {
                        token = layout.startToken();
                    } else if (mayEnd && endFrame[b] == frames && (decay == null || tracks[b].mayEnd())) {
                        token = samplers[b].sample(logits, from, perLevel, -1);
                        if (token == layout.startToken()) {
                            // The prior ended the sound here; carry on as if it had not, so the
                            // batch stays in step (the caller cuts the sound at endFrame).
                            endFrame[b] = streamFrame;
                            latestEnd = Math.max(latestEnd, streamFrame);
                            ended++;
                            listener.ended(b, streamFrame);
                            token = samplers[b].sample(logits, from, perLevel, layout.startToken());
                        }
                    } else {
                        token = samplers[b].sample(logits, from, perLevel, layout.startToken());
                    }
                    out[b][n] = token;
                    if (decay != null && level == 0 && !padding) {
                        tracks[b].chose(token);
                    }
                    next[b] = layout.embeddingIndex(level, token);
                }
                n++;
                int ready = n % levels == 0 ? Math.min(frames, layout.codeFramesIn(n / levels)) : 0;
                if (ready > 0) {
                    for (int b = 0; b < batch; b++) {
                        listener.framesReady(b, ready, out[b]);
                    }
                }
                if (n == total || (ended == batch && ready >= Math.min(frames, latestEnd + FRAMES_PAST_END))) {
                    // Done, or every sequence has ended and has its frames past the end: what
                    // follows would be cut off.
                    break;
                }
                if (filled == context) {
                    // The window is full: prompt a new one with the tail of this one.
                    int complete = n / levels;
                    int from = (complete - Math.min(promptFrames, complete)) * levels;
                    filled = 0;
                    for (int i = from; i < n; i++) {
                        for (int b = 0; b < batch; b++) {
                            window[b][filled] = layout.embeddingIndex(i % levels, out[b][i]);
                        }
                        filled++;
                    }
                    state.reset();
                    logits = prior.stepBatch(state, prefixes(window, filled), filled, 0);
                    windows++;
                } else {
                    for (int b = 0; b < batch; b++) {
                        window[b][filled] = next[b];
                    }
                    filled++;
                    if (cached) {
                        logits = prior.stepBatch(state, next, 1, filled - 1);
                    } else {
                        state.reset();
                        logits = prior.stepBatch(state, prefixes(window, filled), filled, 0);
                    }
                }
                steps++;
            }
        }
        Result[] results = new Result[batch];
        for (int b = 0; b < batch; b++) {
            results[b] = new Result(out[b], frames, steps, windows, endFrame[b]);
        }
        return results;
    }

    /** The first {@code length} entries of every row, flattened row-major. */
    private static int[] prefixes(int[][] rows, int length) {
        int[] flat = new int[rows.length * length];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * length, length);
        }
        return flat;
    }
}
