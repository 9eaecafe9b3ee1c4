package org.sda.engine.codes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.inference.Reconstructor;

/**
 * The sound of one codebook entry on one level, to play when a user clicks a code: a latent that
 * holds {@code codebooks[level][code]} for {@link #frames()} code frames, with every other level at
 * its neutral value (the mean of its codebook, the centre its codes spread around), decoded as a
 * grid is and faded in and out over {@value #FADE_MS} ms so it starts and stops without a click.
 *
 * <p>Results are cached (least recently used, {@value #CACHE_ENTRIES} entries), so a second click is
 * a lookup. Thread-safe: the cache is guarded by this object's lock, held only to look up and to
 * store, never while decoding (two threads may decode the same entry once each). The returned
 * buffers are shared: treat them as read-only.
 */
public final class CodePreview {

    public static final int DEFAULT_FRAMES = 24;
    static final int CACHE_ENTRIES = 1024;
    static final double FADE_MS = 5;

    private final GridCodec codec;
    private final int frames;
    private final float[][] neutral;
    private final Map<Long, AudioBuffer> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, AudioBuffer> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    public CodePreview(GridCodec codec) {
        this(codec, DEFAULT_FRAMES);
    }

    /** @param frames code frames per preview ({@value #DEFAULT_FRAMES}: about 0.28 s at 44.1 kHz, hop 256, 2 frames per code) */
    public CodePreview(GridCodec codec, int frames) {
        this.codec = Objects.requireNonNull(codec, "codec");
        if (frames < 1) {
            throw new IllegalArgumentException("a preview needs at least one frame");
        }
        this.frames = frames;
        float[][][] books = codec.codebooks();
        this.neutral = new float[books.length][books[0][0].length];
        for (int l = 0; l < books.length; l++) {
            for (float[] code : books[l]) {
                for (int k = 0; k < code.length; k++) {
                    neutral[l][k] += code[k] / books[l].length;
                }
            }
        }
    }

    public int frames() {
        return frames;
    }

    /**
     * The preview of {@code code} on {@code level}, mono at the model rate.
     *
     * @throws IllegalArgumentException for a level or code the model does not have
     */
    public AudioBuffer preview(int level, int code) {
        ModelIdentity model = codec.identity();
        if (level < 0 || level >= model.levels() || code < 0 || code >= model.codebookSize()) {
            throw new IllegalArgumentException("no code " + code + " on level " + level + " (the model has "
                    + model.levels() + " levels of " + model.codebookSize() + " codes)");
        }
        long key = (long) level << 32 | code;
        synchronized (this) {
            AudioBuffer hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        AudioBuffer made = decode(level, code);
        synchronized (this) {
            cache.put(key, made);
        }
        return made;
    }

    /** Whether the preview is cached (tests, benchmarks). */
    public synchronized boolean isCached(int level, int code) {
        return cache.containsKey((long) level << 32 | code);
    }

    private AudioBuffer decode(int level, int code) {
        float[][][] books = codec.codebooks();
        int dim = neutral[0].length;
        float[] column = new float[dim];
        for (int l = 0; l < books.length; l++) {
            float[] v = l == level ? books[l][code] : neutral[l];
            for (int k = 0; k < dim; k++) {
                column[k] += v[k];
            }
        }
        float[][] latent = new float[frames][];
        for (int t = 0; t < frames; t++) {
            latent[t] = column;
        }
        GridTiming timing = codec.timing();
        int samples = (frames * timing.downsample() - 1) * timing.hop();
        Reconstructor.Synthesis s = codec.reconstructor().synthesise(latent, timing.stftFrames(samples), samples, 0,
                Reconstructor.Listener.NONE);
        float[] x = s.audio().samples().clone();
        int fade = Math.min(x.length / 2, (int) Math.round(FADE_MS / 1000 * timing.sampleRate()));
        for (int i = 0; i < fade; i++) {
            float g = (float) (0.5 - 0.5 * Math.cos(Math.PI * i / fade));
            x[i] *= g;
            x[x.length - 1 - i] *= g;
        }
        return AudioBuffer.mono(x, timing.sampleRate());
    }
}
