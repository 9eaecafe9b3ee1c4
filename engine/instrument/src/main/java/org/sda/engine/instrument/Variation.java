package org.sda.engine.instrument;

import org.sda.engine.audio.Resampler;

/**
 * One generated sound, ready to play: mono samples at the host's rate, with a short fade at the
 * end so that a voice that plays to the end never clicks. Made by a generation worker, read by the
 * render thread; the samples never change after construction.
 *
 * <p>Octaves: beside the samples, band-limited copies at half, a quarter and an eighth of the
 * rate (soxr), made here, off the render thread. A voice that plays the sound r ≥ 2 times faster
 * reads the copy at 1/2^floor(log2 r) and plays it at a ratio in [1, 2): pitching up by several
 * octaves then folds at most the top octave of the sound back down, instead of nearly all of it.
 * (Without libsoxr only the samples themselves are kept.)
 *
 * <p>{@link #markPlayed} is the one write after publication: the render thread sets it when a
 * note starts the variation, and workers read it to know the slot may be refilled.
 */
final class Variation implements VariationFeed.Sound {

    /** Length of the fade-out laid on the end, in seconds (about 5 ms: below a click, above nothing). */
    static final double END_FADE_SECONDS = 0.005;

    /** Octave copies kept: ratios up to 2^OCTAVES play from a band-limited copy. */
    static final int OCTAVES = 3;

    private final float[] samples;
    private final float[][] octaves;
    private final int sampleRate;
    private final float[] modelRateSamples;
    private final int modelRate;
    private final long index;
    private final long epoch;
    private volatile boolean played;

    /**
     * @param samples at {@code sampleRate}; taken over (not copied), and faded at the end in place
     * @param modelRateSamples the source's own output, kept so a host rate change only resamples
     */
    Variation(float[] samples, int sampleRate, float[] modelRateSamples, int modelRate, long index, long epoch) {
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.modelRateSamples = modelRateSamples;
        this.modelRate = modelRate;
        this.index = index;
        this.epoch = epoch;
        fadeEnd(samples, sampleRate);
        this.octaves = octavesOf(samples);
    }

    private static float[][] octavesOf(float[] samples) {
        if (!Resampler.isAvailable()) {
            return new float[][] {samples};
        }
        float[][] out = new float[OCTAVES + 1][];
        out[0] = samples;
        for (int k = 1; k <= OCTAVES; k++) {
            // Rates as a 2:1 ratio: soxr halves the band and the length, whatever the host rate.
            out[k] = Resampler.resample(out[k - 1], 2, 1, Resampler.Quality.HIGH);
        }
        return out;
    }

    /** A variation of already prepared audio (benchmarks, tests): rate equals model rate. */
    static Variation of(float[] samples, int sampleRate) {
        return new Variation(samples.clone(), sampleRate, samples, sampleRate, 0, 0);
    }

    private static void fadeEnd(float[] samples, int sampleRate) {
        int n = Math.min(samples.length, (int) Math.ceil(END_FADE_SECONDS * sampleRate));
        for (int i = 0; i < n; i++) {
            // Gain 1 → 0 over the last n samples; the last sample is exactly 0.
            samples[samples.length - 1 - i] *= (float) i / n;
        }
    }

    /** Samples at {@link #sampleRate()}; read-only. */
    float[] samples() {
        return samples;
    }

    /** How many copies there are: the samples, then each octave down. */
    @Override
    public int octaveCount() {
        return octaves.length;
    }

    /** Copy {@code k}: the samples band-limited to 1/2^k of the band, at 1/2^k of the rate; read-only. */
    @Override
    public float[] octave(int k) {
        return octaves[k];
    }

    int frameCount() {
        return samples.length;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    float[] modelRateSamples() {
        return modelRateSamples;
    }

    int modelRate() {
        return modelRate;
    }

    /** Position in its seed's sequence; 0 is the variation a locked instrument plays. */
    @Override
    public long index() {
        return index;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    /** Render thread: a note started this variation. Allocation-free. */
    @Override
    public void markPlayed() {
        played = true;
    }

    boolean played() {
        return played;
    }
}
