package org.sda.engine.generate;

import java.util.Arrays;
import java.util.Objects;
import org.sda.engine.inference.VqVaeRuntime;

/**
 * Keeps a one-shot to an attack and a decay. A drum hit is one attack and a level that falls; a
 * prior left alone puts ghost hits and swells in the tail, and ends sounds while they are still
 * loud. After the attack ({@link #attackFrames}), when the prior picks the next coarse code:
 * <ul>
 *   <li>each candidate louder than the quietest the sound has been since its attack, plus
 *       {@value #SLACK_DB} dB, has its logit lowered by {@code strength} per
 *       {@value #DB_PER_UNIT} dB above that (no rises);</li>
 *   <li>each candidate quieter than a floor that starts {@value #FLOOR_MARGIN_DB} dB under the
 *       attack's peak and falls {@value #FLOOR_FALL_DB_PER_SECOND} dB a second is lowered alike (no
 *       collapse into silence straight after the attack, which would make every hit a blip);</li>
 *   <li>the prior may end the sound only once it has fallen {@value #END_FALL_DB} dB from its peak
 *       ({@link Track#mayEnd}), so that a sound ends in its decay, not in the middle of it.</li>
 * </ul>
 * The loudness of a code is what the decoder makes of the coarse level's vector alone
 * ({@link #coarseLoudness}), so the guide needs nothing beyond the model.
 *
 * <p>Immutable and thread-safe; the per-sequence state lives in a {@link Track}.
 */
public final class DecayGuide {

    /** The strength generation uses unless told otherwise: rises of 6 dB cost 4 logits, e^4 = 55 times less likely. */
    public static final double DEFAULT_STRENGTH = 4;
    /** Rises the guide lets pass, in dB: codes of one steady decay differ by this much. */
    static final double SLACK_DB = 3;
    /** dB beyond a limit that cost one unit of strength. */
    static final double DB_PER_UNIT = 6;
    /** Where the floor starts under the attack's peak. */
    static final double FLOOR_MARGIN_DB = 10;
    /**
     * How fast the floor falls. Measured on a drum kit and on tabla strokes (docs/BENCHMARKS.md):
     * 60 lets the hits die faster than the sets' own, and 30 makes every hit decay alike; at 40 the
     * sounds' frame statistics come nearest the sets'.
     */
    static final double FLOOR_FALL_DB_PER_SECOND = 40;
    /** How far under its peak a sound must have fallen before the prior may end it. */
    static final double END_FALL_DB = 30;
    /** Frames each code is held for when its loudness is measured; the middle ones are read. */
    private static final int HOLD = 8;

    private final float[] loudness;
    private final double strength;
    private final int attackFrames;
    private final double floorFallPerFrame;

    private DecayGuide(float[] loudness, double strength, int attackFrames, double frameSeconds) {
        this.loudness = loudness;
        this.strength = strength;
        this.attackFrames = attackFrames;
        this.floorFallPerFrame = FLOOR_FALL_DB_PER_SECOND * frameSeconds;
    }

    /**
     * @param loudness each coarse code's loudness in dB ({@link #coarseLoudness})
     * @param strength logit units per {@value #DB_PER_UNIT} dB beyond a limit; 0 for none
     * @param attackFrames code frames at the start that may rise freely (the attack)
     * @param frameSeconds the length of a code frame
     */
    public static DecayGuide of(float[] loudness, double strength, int attackFrames, double frameSeconds) {
        Objects.requireNonNull(loudness, "loudness");
        checkStrength(strength);
        if (attackFrames < 1) {
            throw new IllegalArgumentException("the attack needs at least one frame, not " + attackFrames);
        }
        if (!(frameSeconds > 0)) {
            throw new IllegalArgumentException("a code frame must last more than 0 s, not " + frameSeconds);
        }
        return new DecayGuide(loudness.clone(), strength, attackFrames, frameSeconds);
    }

    /** The strongest guide accepted: at 100, a 6-dB rise costs 100 logits, which no prior outweighs. */
    public static final double MAX_STRENGTH = 100;

    /** @throws IllegalArgumentException unless {@code strength} is in [0, {@value #MAX_STRENGTH}] */
    public static void checkStrength(double strength) {
        if (!(strength >= 0 && strength <= MAX_STRENGTH)) {
            throw new IllegalArgumentException("must be between 0 and " + (int) MAX_STRENGTH + ", not " + strength);
        }
    }

    /**
     * The loudness, in dB of mean power over the decoder's bins, of each coarse code held steady
     * with no finer levels: one decoder run over every code in turn, each held for a few frames
     * so that the decoder's reach across frames does not blur neighbours into it. On a drum kit it
     * follows the loudness of the decoded frames with all levels at a correlation of 0.95.
     */
    public static float[] coarseLoudness(VqVaeRuntime vqvae) {
        int codes = vqvae.manifest().vq().codebookSize();
        long[][] grid = new long[1][codes * HOLD];
        for (int c = 0; c < codes; c++) {
            Arrays.fill(grid[0], c * HOLD, (c + 1) * HOLD, c);
        }
        float[][] magnitude = vqvae.decode(vqvae.lookup(grid));
        int perCode = magnitude.length / codes;
        float[] out = new float[codes];
        for (int c = 0; c < codes; c++) {
            double power = 0;
            int n = 0;
            for (int f = c * perCode + perCode / 4; f < (c + 1) * perCode - perCode / 4; f++) {
                for (float logMagnitude : magnitude[f]) {
                    power += Math.exp(2 * Math.min(logMagnitude, 20f));
                    n++;
                }
            }
            out[c] = (float) (10 * Math.log10(power / Math.max(1, n) + 1e-12));
        }
        return out;
    }

    public double strength() {
        return strength;
    }

    public int attackFrames() {
        return attackFrames;
    }

    /** A fresh sequence's state. */
    public Track track() {
        return new Track();
    }

    /** One sequence's course so far: the peak of its attack, then the quietest it has been since. Not thread-safe. */
    public final class Track {
        private int frames;
        private double peak = Double.NEGATIVE_INFINITY;
        private double ceiling = Double.NEGATIVE_INFINITY;

        private Track() {
        }

        /** Lowers the logits of the coarse codes outside the limits (none during the attack). */
        void apply(float[] logits, int from) {
            if (strength == 0 || frames < attackFrames) {
                return;
            }
            double top = ceiling + SLACK_DB;
            // The floor never passes the ceiling: holding the level is always allowed.
            double floor = Math.min(ceiling, peak - FLOOR_MARGIN_DB - floorFallPerFrame * (frames - attackFrames));
            for (int c = 0; c < loudness.length; c++) {
                double outside = Math.max(loudness[c] - top, floor - loudness[c]);
                if (outside > 0) {
                    logits[from + c] -= (float) (strength * outside / DB_PER_UNIT);
                }
            }
        }

        /** Whether the prior may end the sound now: past its attack and {@value #END_FALL_DB} dB under its peak. */
        boolean mayEnd() {
            return strength == 0 || (frames >= attackFrames && ceiling <= peak - END_FALL_DB);
        }

        /** Tells the track which coarse code was chosen for its next frame. */
        void chose(int code) {
            if (code < 0 || code >= loudness.length) {
                return;
            }
            double level = loudness[code];
            if (frames < attackFrames) {
                peak = Math.max(peak, level);
                ceiling = peak;
            } else {
                ceiling = Math.min(ceiling, level);
            }
            frames++;
        }
    }
}
