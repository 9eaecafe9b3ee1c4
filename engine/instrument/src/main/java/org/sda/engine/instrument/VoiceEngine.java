package org.sda.engine.instrument;

import static org.sda.engine.instrument.InstrumentParameter.ATTACK;
import static org.sda.engine.instrument.InstrumentParameter.DECAY;
import static org.sda.engine.instrument.InstrumentParameter.GAIN;
import static org.sda.engine.instrument.InstrumentParameter.KEYTRACK;
import static org.sda.engine.instrument.InstrumentParameter.MOD_WHEEL;
import static org.sda.engine.instrument.InstrumentParameter.PITCH_BEND;
import static org.sda.engine.instrument.InstrumentParameter.POOL_SIZE;
import static org.sda.engine.instrument.InstrumentParameter.RELEASE;
import static org.sda.engine.instrument.InstrumentParameter.ROOT_NOTE;
import static org.sda.engine.instrument.InstrumentParameter.SUSTAIN;
import static org.sda.engine.instrument.InstrumentParameter.VARIATION_LOCK;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The polyphonic voice engine: note and parameter events at sample offsets in, a mono mix spread
 * to stereo out. Render thread only (one call at a time); allocates nothing after construction
 * and never blocks. Construction (on the thread that prepares the instrument) sizes everything
 * for the host's rate and largest block.
 *
 * <p>What the parameters mean here:
 * <ul>
 *   <li>Velocity: amplitude = velocity², about 40 dB between velocity 0.1 and 1.
 *   <li>Keytracking on: a note plays its variation at ratio 2^((key − root + bend) / 12)
 *       (varispeed: pitch and length change together). Off: every key plays at the original pitch
 *       (drums); pitch bend still bends.
 *   <li>Pitch bend: ±2 semitones, applied at once to every sounding voice.
 *   <li>Mod wheel: vibrato depth, as General MIDI uses CC 1: a 5.5 Hz sine on the pitch of every
 *       voice, 0 to ±{@value #MAX_VIBRATO_SEMITONES} semitones. One shared oscillator: cheap.
 *   <li>Gain: dB, smoothed over about 5 ms so automation never zips.
 * </ul>
 *
 * <p>Voice stealing: when {@code polyphony} voices are sounding, a new note takes the releasing
 * voice that is quietest (then oldest), else the oldest voice; the taken voice fades out in
 * {@link Voice#STEAL_FADE_SECONDS} on one of the spare voices kept for that, so stealing never
 * clicks.
 */
final class VoiceEngine {

    /** The voice count a host sees by default. */
    static final int DEFAULT_POLYPHONY = 16;
    static final double MAX_VIBRATO_SEMITONES = 0.5;
    static final double VIBRATO_HZ = 5.5;
    private static final double GAIN_SMOOTHING_SECONDS = 0.005;
    private static final double LN2_OVER_12 = Math.log(2) / 12;

    /** Where note-ons get their sound. Render thread; must not allocate or block. */
    interface VariationSupply {
        /**
         * The variation the next note plays, or {@code null} when none is ready at this rate.
         *
         * @param locked whether the variation lock is on (always the seed's first variation)
         * @param poolSize how many pool slots are in use
         */
        Variation next(boolean locked, int sampleRate, int poolSize);

        /**
         * Like {@link #next}, but only a variation not played yet ({@code null} while none is
         * ready): what an offline render waits for.
         */
        default Variation nextFresh(boolean locked, int sampleRate, int poolSize) {
            return next(locked, sampleRate, poolSize);
        }

        /** Whether waiting can bring a variation: generation is running and not failing. */
        default boolean canWait() {
            return false;
        }
    }

    /** How long an offline note waits for its variation before it takes what there is. */
    static final long OFFLINE_WAIT_NANOS = 30_000_000_000L;
    private static final long OFFLINE_POLL_NANOS = 1_000_000L;

    private final int polyphony;
    private final double sampleRate;
    private final int hostRate;
    private final int maxBlock;
    private final ParameterValues params;
    private final Voice[] voices;
    private final EventQueue events = new EventQueue(2048);
    private final float[] mix;
    private final float[] speed;
    private final double minRamp;
    private final double stealFade;
    private final double gainCoefficient;
    private final double lfoIncrement;

    private double lfoPhase;
    private double gain = -1; // smoothed linear gain; −1 until the first block
    private long noteCounter;

    // Derived from the parameters at every block start and after every parameter event.
    private double gainTarget;
    private double attackSamples;
    private double decaySamples;
    private float sustain;
    private double releaseSamples;
    private boolean keytrack;
    private int root;
    private double bendRatio;
    private double vibratoDepth; // in ln units of frequency ratio
    private boolean locked;
    private int poolSize;

    private volatile boolean offline;
    private volatile long notesWithoutSound;
    private volatile long voicesStolen;

    VoiceEngine(int polyphony, double sampleRate, int maxBlockFrames, ParameterValues params) {
        if (polyphony < 1 || sampleRate <= 0 || maxBlockFrames < 1) {
            throw new IllegalArgumentException("polyphony " + polyphony + ", rate " + sampleRate
                    + ", block " + maxBlockFrames);
        }
        this.polyphony = polyphony;
        this.sampleRate = sampleRate;
        this.hostRate = (int) Math.round(sampleRate);
        this.maxBlock = maxBlockFrames;
        this.params = params;
        // Twice the polyphony: every counted voice can have a stolen one fading beside it.
        this.voices = new Voice[2 * polyphony];
        for (int i = 0; i < voices.length; i++) {
            voices[i] = new Voice();
        }
        this.mix = new float[maxBlockFrames];
        this.speed = new float[maxBlockFrames];
        this.minRamp = Math.max(1.0, Voice.MIN_RAMP_SECONDS * sampleRate);
        this.stealFade = Math.max(1.0, Voice.STEAL_FADE_SECONDS * sampleRate);
        this.gainCoefficient = 1 - Math.exp(-1 / (GAIN_SMOOTHING_SECONDS * sampleRate));
        this.lfoIncrement = 2 * Math.PI * VIBRATO_HZ / sampleRate;
        derive();
    }

    int polyphony() {
        return polyphony;
    }

    /** The host rate rounded to whole Hz: the rate variations are resampled to. */
    int hostRate() {
        return hostRate;
    }

    void noteOn(int sampleOffset, int key, float velocity) {
        if (!(velocity > 0f)) { // MIDI's note-on with velocity 0 is a note-off (and NaN is nothing to play)
            events.add(EventQueue.NOTE_OFF, sampleOffset, key, 0);
        } else {
            events.add(EventQueue.NOTE_ON, sampleOffset, key, Math.min(1f, velocity));
        }
    }

    void noteOff(int sampleOffset, int key) {
        events.add(EventQueue.NOTE_OFF, sampleOffset, key, 0);
    }

    void allNotesOff() {
        events.add(EventQueue.ALL_NOTES_OFF, 0, 0, 0);
    }

    void setParameter(int sampleOffset, int id, double normalized) {
        if (ParameterValues.isValid(id)) {
            events.add(EventQueue.PARAMETER, sampleOffset, id, normalized);
        }
    }

    /**
     * Renders {@code frames} samples into both channels (overwriting), applying queued events at
     * their offsets (offsets past the block apply at its last sample).
     *
     * @param supply where note-ons find variations; {@code null} plays no new notes
     * @return whether any voice sounded in this block
     */
    boolean render(float[] left, float[] right, int frames, VariationSupply supply) {
        derive();
        boolean sounded = false;
        int e = 0;
        int eventCount = events.size();
        int last = Math.max(0, frames - 1);
        int pos = 0;
        do {
            while (e < eventCount && Math.min(events.offset(e), last) <= pos) {
                apply(e, supply);
                e++;
            }
            if (pos >= frames) {
                break;
            }
            int next = e < eventCount ? Math.min(events.offset(e), last) : frames;
            int end = Math.min(next, pos + maxBlock);
            sounded |= renderSpan(left, right, pos, end - pos);
            pos = end;
        } while (pos < frames || e < eventCount);
        events.clear();
        return sounded;
    }

    private boolean renderSpan(float[] left, float[] right, int offset, int frames) {
        Arrays.fill(mix, 0, frames, 0f);
        fillSpeed(frames);
        boolean sounded = false;
        for (Voice v : voices) {
            if (!v.isIdle()) {
                sounded = true;
                v.render(mix, speed, 0, frames, attackSamples, decaySamples, sustain, minRamp);
            }
        }
        // Nothing sounds: no need to glide, and a restored project starts exactly at its gain.
        double g = gain < 0 || !sounded ? gainTarget : gain;
        for (int i = 0; i < frames; i++) {
            g += (gainTarget - g) * gainCoefficient;
            float out = (float) (mix[i] * g);
            left[offset + i] = out;
            right[offset + i] = out;
        }
        gain = g;
        return sounded;
    }

    /** Per-sample playback speed shared by all voices: bend × vibrato. */
    private void fillSpeed(int frames) {
        if (vibratoDepth <= 0) {
            Arrays.fill(speed, 0, frames, (float) bendRatio);
            lfoPhase = 0; // the next vibrato starts from the centre pitch
            return;
        }
        double phase = lfoPhase;
        for (int i = 0; i < frames; i++) {
            double x = vibratoDepth * sine(phase);
            // e^x to second order: |x| ≤ 0.029, so the error is below 5e-6.
            speed[i] = (float) (bendRatio * (1 + x + 0.5 * x * x));
            phase += lfoIncrement;
        }
        lfoPhase = phase % (2 * Math.PI);
    }

    /**
     * sin(x) for x ≥ 0 from + and × alone (Taylor series to x¹³ after reduction to [−π/2, π/2],
     * error below 7e-10), so that the plugin's C renderer (voices.c), doing the same steps, gets
     * the same bits: libm's sin and Java's differ in the last bit now and then, and a vibrato
     * that drifts by a bit changes which voice a later note steals.
     */
    static double sine(double x) {
        while (x > Math.PI) {
            x -= 2 * Math.PI;
        }
        if (x > 0.5 * Math.PI) {
            x = Math.PI - x;
        } else if (x < -0.5 * Math.PI) {
            x = -Math.PI - x;
        }
        double x2 = x * x;
        return x * (1 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040 + x2 * (1.0 / 362880
                + x2 * (-1.0 / 39916800 + x2 * (1.0 / 6227020800L)))))));
    }

    private void apply(int e, VariationSupply supply) {
        switch (events.type(e)) {
            case EventQueue.NOTE_ON -> startNote(events.target(e), (float) events.value(e), supply);
            case EventQueue.NOTE_OFF -> {
                int key = events.target(e);
                for (Voice v : voices) {
                    if (v.isHeld() && v.key() == key) {
                        v.release(Math.max(minRamp, releaseSamples));
                    }
                }
            }
            case EventQueue.ALL_NOTES_OFF -> {
                for (Voice v : voices) {
                    v.release(Math.max(minRamp, releaseSamples));
                }
            }
            case EventQueue.PARAMETER -> {
                params.setNormalized(events.target(e), events.value(e));
                derive();
            }
            default -> { }
        }
    }

    /**
     * Offline rendering (a bounce): a note waits, up to {@link #OFFLINE_WAIT_NANOS}, for a
     * variation the pool has not played yet, so a bounce gets the seed's sequence even while the
     * pool is still filling. Never set for real-time rendering: the wait blocks the render thread.
     */
    void setOffline(boolean offline) {
        this.offline = offline;
    }

    private void startNote(int key, float velocity, VariationSupply supply) {
        Variation variation = null;
        if (supply != null) {
            variation = offline ? awaitFresh(supply) : supply.next(locked, hostRate, poolSize);
        }
        if (variation == null) {
            notesWithoutSound++;
            return;
        }
        double ratio = keytrack ? Math.pow(2, (key - root) / 12.0) : 1.0;
        Voice voice = freeVoice();
        voice.start(variation, key, ratio, velocity * velocity, noteCounter++);
    }

    private Variation awaitFresh(VariationSupply supply) {
        long deadline = System.nanoTime() + OFFLINE_WAIT_NANOS;
        Variation v = supply.nextFresh(locked, hostRate, poolSize);
        while (v == null && supply.canWait() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(OFFLINE_POLL_NANOS);
            v = supply.nextFresh(locked, hostRate, poolSize);
        }
        return v != null ? v : supply.next(locked, hostRate, poolSize);
    }

    private Voice freeVoice() {
        int counted = 0;
        Voice victim = null;
        for (Voice v : voices) {
            if (v.isCounted()) {
                counted++;
                if (victim == null || betterVictim(v, victim)) {
                    victim = v;
                }
            }
        }
        if (counted >= polyphony && victim != null) {
            victim.steal(stealFade);
            voicesStolen++;
        }
        Voice quietestFading = null;
        for (Voice v : voices) {
            if (v.isIdle()) {
                return v;
            }
            if (v.stage() == Voice.Stage.STEAL && (quietestFading == null || v.level() < quietestFading.level())) {
                quietestFading = v;
            }
        }
        // Every spare voice is still fading from earlier steals (a burst of notes within 3 ms):
        // cut the quietest fade.
        Voice v = quietestFading != null ? quietestFading : voices[0];
        v.stop();
        return v;
    }

    /** Releasing voices go first, the quietest of them; otherwise the oldest voice. */
    private static boolean betterVictim(Voice candidate, Voice current) {
        boolean candidateReleasing = candidate.stage() == Voice.Stage.RELEASE;
        boolean currentReleasing = current.stage() == Voice.Stage.RELEASE;
        if (candidateReleasing != currentReleasing) {
            return candidateReleasing;
        }
        if (candidateReleasing && candidate.level() != current.level()) {
            return candidate.level() < current.level();
        }
        return candidate.startOrder() < current.startOrder();
    }

    private void derive() {
        double rate = sampleRate / 1000.0;
        double gainDb = params.plain(GAIN);
        gainTarget = Math.pow(10, gainDb / 20);
        // Glide only while something sounds: a note that starts in silence starts at the gain set.
        if (gain < 0 || activeVoices() == 0) {
            gain = gainTarget;
        }
        attackSamples = params.plain(ATTACK) * rate;
        decaySamples = params.plain(DECAY) * rate;
        sustain = (float) (params.plain(SUSTAIN) / 100.0);
        releaseSamples = params.plain(RELEASE) * rate;
        keytrack = params.on(KEYTRACK);
        root = params.integer(ROOT_NOTE);
        bendRatio = Math.pow(2, params.plain(PITCH_BEND) / 12);
        vibratoDepth = params.plain(MOD_WHEEL) / 100.0 * MAX_VIBRATO_SEMITONES * LN2_OVER_12;
        locked = params.on(VARIATION_LOCK);
        poolSize = params.integer(POOL_SIZE);
    }

    /** Voices sounding now, fading ones included. Diagnostic; racy when read off the render thread. */
    int activeVoices() {
        int n = 0;
        for (Voice v : voices) {
            if (!v.isIdle()) {
                n++;
            }
        }
        return n;
    }

    /** Whether a held (not released) voice plays {@code key}. Diagnostic, as {@link #activeVoices}. */
    boolean isHeld(int key) {
        for (Voice v : voices) {
            if (v.isHeld() && v.key() == key) {
                return true;
            }
        }
        return false;
    }

    /** Note-ons that found no variation ready (pool still filling, or no model). */
    long notesWithoutSound() {
        return notesWithoutSound;
    }

    long voicesStolen() {
        return voicesStolen;
    }

    long eventsDropped() {
        return events.dropped();
    }
}
