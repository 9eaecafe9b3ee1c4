package org.sda.engine.instrument;

/**
 * One sounding note: a variation played back at a varispeed ratio, shaped by a linear ADSR
 * envelope and the note's velocity. Render thread only; allocation-free.
 *
 * <p>Playback reads the variation at a fractional position with 4-point, 3rd-order Hermite
 * interpolation (cheap, and far cleaner than linear when pitched). Samples outside the variation
 * count as 0, so the first and last samples are approached smoothly. A note two or more times
 * faster than the original reads one of the variation's band-limited octave copies instead
 * ({@link Variation#octave}), so that pitching far up does not alias.
 *
 * <p>Envelope stages, all linear in amplitude: attack 0 → 1, decay 1 → sustain, sustain (follows
 * the sustain parameter), release from the current level → 0 in the release time, and a short
 * steal fade used when the voice is taken for a new note. Every ramp is at least
 * {@link #MIN_RAMP_SECONDS} long, so that a 0 ms setting never steps the level (a click).
 */
final class Voice {

    /** Shortest ramp of any stage: below a click's duration, above an audible softening. */
    static final double MIN_RAMP_SECONDS = 0.0007;
    /** How long a stolen voice takes to fade out. */
    static final double STEAL_FADE_SECONDS = 0.003;

    enum Stage { IDLE, ATTACK, DECAY, SUSTAIN, RELEASE, STEAL }

    private Stage stage = Stage.IDLE;
    private float[] samples;
    private double position;
    private double ratio;
    private float amplitude;
    private float level;
    private float step;
    private int key;
    private long startOrder;

    boolean isIdle() {
        return stage == Stage.IDLE;
    }

    /** Held or releasing, but not fading for a steal: counts against the polyphony. */
    boolean isCounted() {
        return stage != Stage.IDLE && stage != Stage.STEAL;
    }

    boolean isHeld() {
        return stage == Stage.ATTACK || stage == Stage.DECAY || stage == Stage.SUSTAIN;
    }

    Stage stage() {
        return stage;
    }

    int key() {
        return key;
    }

    long startOrder() {
        return startOrder;
    }

    float level() {
        return level;
    }

    /**
     * Starts a note.
     *
     * @param ratio playback speed relative to the variation's own (pitch ratio, before bend and vibrato)
     * @param amplitude velocity gain
     * @param startOrder increasing per note, so the oldest voice can be found
     */
    void start(Variation variation, int key, double ratio, float amplitude, long startOrder) {
        // Two or more times faster: read the band-limited octave copy, at a ratio in [1, 2).
        int octave = 0;
        double r = ratio;
        while (r >= 2.0 && octave < variation.octaveCount() - 1) {
            r *= 0.5;
            octave++;
        }
        this.samples = variation.octave(octave);
        this.position = 0;
        this.ratio = r;
        this.amplitude = amplitude;
        this.key = key;
        this.startOrder = startOrder;
        this.level = 0;
        this.stage = Stage.ATTACK;
        this.step = 0; // set by the first render from the current attack time
    }

    /** Note off: ramps from the current level to 0 over {@code releaseSamples}. */
    void release(double releaseSamples) {
        if (!isHeld()) {
            return;
        }
        stage = Stage.RELEASE;
        step = (float) (level / releaseSamples);
        if (level <= 0) {
            stop();
        }
    }

    /** Taken for another note: a fast fade, not a cut, so stealing never clicks. */
    void steal(double fadeSamples) {
        if (stage == Stage.IDLE) {
            return;
        }
        stage = Stage.STEAL;
        step = (float) (level / fadeSamples);
        if (level <= 0) {
            stop();
        }
    }

    /** Cut at once; only when every voice, fading ones included, is in use. */
    void stop() {
        stage = Stage.IDLE;
        samples = null;
        level = 0;
    }

    /**
     * Adds {@code frames} samples of this voice into {@code mix[from, from + frames)}.
     *
     * @param speed per-sample playback speed factor shared by all voices (bend × vibrato), same indices as mix
     * @param env envelope times in samples: attack, decay, sustain level (0..1), minimum ramp
     */
    void render(float[] mix, float[] speed, int from, int frames, double attackSamples, double decaySamples,
                float sustain, double minRamp) {
        if (stage == Stage.IDLE) {
            return;
        }
        if (stage == Stage.ATTACK && step == 0) {
            step = (float) (1.0 / Math.max(minRamp, attackSamples));
        }
        final float[] s = samples;
        final int length = s.length;
        final float sustainSlew = (float) (1.0 / minRamp);
        for (int i = from, end = from + frames; i < end; i++) {
            switch (stage) {
                case ATTACK -> {
                    level += step;
                    if (level >= 1f) {
                        level = 1f;
                        stage = Stage.DECAY;
                        step = (float) ((1.0 - sustain) / Math.max(minRamp, decaySamples));
                    }
                }
                case DECAY -> {
                    level -= step;
                    if (level <= sustain) {
                        level = sustain;
                        stage = Stage.SUSTAIN;
                    }
                }
                case SUSTAIN -> {
                    // Follows a moving sustain parameter without stepping.
                    float d = sustain - level;
                    level += Math.max(-sustainSlew, Math.min(sustainSlew, d));
                    if (level <= 0f && sustain <= 0f) {
                        stop();
                        return;
                    }
                }
                case RELEASE, STEAL -> {
                    level -= step;
                    if (level <= 0f) {
                        stop();
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
            int index = (int) position;
            if (index >= length) {
                stop();
                return;
            }
            float frac = (float) (position - index);
            float xm1 = index > 0 ? s[index - 1] : 0f;
            float x0 = s[index];
            float x1 = index + 1 < length ? s[index + 1] : 0f;
            float x2 = index + 2 < length ? s[index + 2] : 0f;
            // 4-point, 3rd-order Hermite (Catmull-Rom) interpolation.
            float c1 = 0.5f * (x1 - xm1);
            float c2 = xm1 - 2.5f * x0 + 2f * x1 - 0.5f * x2;
            float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
            float value = ((c3 * frac + c2) * frac + c1) * frac + x0;
            mix[i] += value * level * amplitude;
            position += ratio * speed[i];
        }
    }
}
