package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The voice engine on its own, playing real recordings as variations. */
class VoiceEngineTest {

    private static final int RATE = 44100;
    private static final int BLOCK = 256;

    private final ParameterValues params = new ParameterValues();

    private static Variation clip(String name) {
        return Variation.of(DemoSounds.named(name).samples(), RATE);
    }

    /** The demo sound that is loudest over its first second: envelopes can be read off it. */
    private static Variation loudestStart() {
        DemoSounds.Clip best = null;
        for (DemoSounds.Clip c : DemoSounds.all()) {
            if (c.samples().length >= RATE && (best == null
                    || Measure.rms(c.samples(), 0, RATE) > Measure.rms(best.samples(), 0, RATE))) {
                best = c;
            }
        }
        return Variation.of(best.samples(), RATE);
    }

    private static VoiceEngine.VariationSupply always(Variation v) {
        return (locked, rate, size) -> v;
    }

    private VoiceEngine engine() {
        return new VoiceEngine(16, RATE, BLOCK, params);
    }

    /** Renders {@code frames} samples in blocks; returns the left channel. */
    private static float[] render(VoiceEngine engine, VoiceEngine.VariationSupply supply, int frames) {
        float[] out = new float[frames];
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        for (int pos = 0; pos < frames; pos += BLOCK) {
            int n = Math.min(BLOCK, frames - pos);
            engine.render(l, r, n, supply);
            assertThat(Arrays.copyOf(r, n)).containsExactly(Arrays.copyOf(l, n));
            System.arraycopy(l, 0, out, pos, n);
        }
        return out;
    }

    @Test
    void adsrFollowsItsLinearSegments() {
        params.setPlain(InstrumentParameter.ATTACK, 100);
        params.setPlain(InstrumentParameter.DECAY, 100);
        params.setPlain(InstrumentParameter.SUSTAIN, 50);
        params.setPlain(InstrumentParameter.RELEASE, 200);
        params.setPlain(InstrumentParameter.KEYTRACK, 0);
        Variation v = loudestStart();
        VoiceEngine engine = engine();
        engine.noteOn(0, 60, 1f);
        float[] held = render(engine, always(v), RATE / 2);
        engine.noteOff(0, 60);
        float[] released = render(engine, always(v), RATE / 2);
        float[] out = new float[RATE];
        System.arraycopy(held, 0, out, 0, held.length);
        System.arraycopy(released, 0, out, held.length, released.length);

        float[] s = v.samples();
        int a = RATE / 10;
        int d = RATE / 10;
        int[] checkedPerSegment = new int[4];
        for (int i = 0; i < RATE; i++) {
            if (Math.abs(s[i]) < 0.02) {
                continue; // the level is out / in: only where the recording is loud enough to divide by
            }
            double level = out[i] / s[i];
            double expected;
            if (i < a) {
                expected = (i + 1.0) / a;
            } else if (i < a + d) {
                expected = 1 - 0.5 * (i - a + 1.0) / d;
            } else if (i < RATE / 2) {
                expected = 0.5;
            } else {
                expected = Math.max(0, 0.5 * (1 - (i - RATE / 2 + 1.0) / (0.2 * RATE)));
            }
            assertThat(level).as("envelope at sample %d", i).isCloseTo(expected, within(2e-3));
            checkedPerSegment[i < a ? 0 : i < a + d ? 1 : i < RATE / 2 ? 2 : 3]++;
        }
        for (int n : checkedPerSegment) {
            assertThat(n).isGreaterThan(500);
        }
        assertThat(engine.activeVoices()).isZero();
    }

    @Test
    void keytrackingPlaysAtTheRatioOfTheKeyToTheRoot() {
        params.setPlain(InstrumentParameter.ROOT_NOTE, 60);
        Variation v = clip("ambi_glass_hum.flac");
        double atRoot = peakOfNote(v, 60);
        assertThat(peakOfNote(v, 67) / atRoot).isCloseTo(Math.pow(2, 7 / 12.0), within(0.01));
        assertThat(peakOfNote(v, 48) / atRoot).isCloseTo(0.5, within(0.005));
        params.setPlain(InstrumentParameter.ROOT_NOTE, 55);
        assertThat(peakOfNote(v, 60) / atRoot).isCloseTo(Math.pow(2, 5 / 12.0), within(0.01));
    }

    /**
     * Two octaves up is the sound played four times faster: ideally, the recording band-limited
     * and decimated by four. Reading every fourth sample of the full-band recording instead would
     * fold three quarters of its spectrum back down.
     */
    @Test
    void notesOctavesUpPlayABandLimitedCopyInsteadOfAliasing() {
        float[] recording = DemoSounds.named("ambi_soft_buzz.flac").samples();
        Variation v = Variation.of(recording, RATE);
        VoiceEngine engine = engine();
        engine.noteOn(0, 84, 1f);
        float[] out = render(engine, always(v), RATE / 8);
        float[] ideal = org.sda.engine.audio.Resampler.resample(v.samples(), 4, 1);
        float[] naive = new float[out.length];
        for (int i = 0; i < naive.length && 4 * i < v.samples().length; i++) {
            naive[i] = v.samples()[4 * i];
        }
        int from = 500;
        int to = Math.min(out.length, ideal.length) - 500;
        double ours = errorDb(out, ideal, from, to);
        double folded = errorDb(naive, ideal, from, to);
        assertThat(ours).as("error of the octave copy against the ideal, dB").isLessThan(-40);
        assertThat(folded).as("error of plain decimation against the ideal, dB").isGreaterThan(ours + 20);
    }

    private static double errorDb(float[] x, float[] reference, int from, int to) {
        double error = 0;
        double energy = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - reference[i];
            error += d * d;
            energy += reference[i] * (double) reference[i];
        }
        return 10 * Math.log10(error / energy);
    }

    @Test
    void pitchBendBendsEveryKey() {
        Variation v = clip("ambi_glass_hum.flac");
        double straight = peakOfNote(v, 60);
        params.setPlain(InstrumentParameter.PITCH_BEND, 2);
        assertThat(peakOfNote(v, 60) / straight).isCloseTo(Math.pow(2, 2 / 12.0), within(0.01));
        params.setPlain(InstrumentParameter.KEYTRACK, 0);
        assertThat(peakOfNote(v, 30) / straight).isCloseTo(Math.pow(2, 2 / 12.0), within(0.01));
    }

    @Test
    void keytrackOffPlaysEveryKeyAtTheOriginalPitch() {
        params.setPlain(InstrumentParameter.KEYTRACK, 0);
        Variation v = clip("ambi_piano.flac");
        VoiceEngine low = engine();
        low.noteOn(0, 36, 0.8f);
        VoiceEngine high = engine();
        high.noteOn(0, 96, 0.8f);
        float[] a = render(low, always(v), RATE);
        assertThat(a).containsExactly(render(high, always(v), RATE));
        // Original pitch: the output is the recording itself once the attack is over.
        int attack = (int) (0.002 * RATE) + 1;
        for (int i = attack; i < RATE; i += 97) {
            assertThat(a[i]).isCloseTo(0.64f * v.samples()[i], within(1e-6f));
        }
    }

    @Test
    void velocityScalesAmplitudeAsItsSquare() {
        Variation v = clip("ambi_choir.flac");
        VoiceEngine loud = engine();
        loud.noteOn(0, 60, 1f);
        VoiceEngine soft = engine();
        soft.noteOn(0, 60, 0.5f);
        float[] a = render(loud, always(v), RATE / 2);
        float[] b = render(soft, always(v), RATE / 2);
        assertThat(Measure.rms(b, 0, b.length) / Measure.rms(a, 0, a.length)).isCloseTo(0.25, within(1e-4));
    }

    @Test
    void gainIsInDecibels() {
        Variation v = clip("ambi_choir.flac");
        VoiceEngine unity = engine();
        unity.noteOn(0, 60, 1f);
        float[] a = render(unity, always(v), RATE / 2);
        params.setPlain(InstrumentParameter.GAIN, -12);
        VoiceEngine quieter = engine();
        quieter.noteOn(0, 60, 1f);
        float[] b = render(quieter, always(v), RATE / 2);
        assertThat(20 * Math.log10(Measure.rms(b, 0, b.length) / Measure.rms(a, 0, a.length)))
                .isCloseTo(-12, within(0.01));
    }

    @Test
    void notesStartAtTheirSampleOffset() {
        Variation v = clip("ambi_drone.flac");
        VoiceEngine engine = engine();
        float[] l = new float[BLOCK];
        float[] r = new float[BLOCK];
        assertThat(engine.render(l, r, BLOCK, always(v))).isFalse();
        assertThat(l).containsOnly(0f);
        engine.noteOn(200, 60, 1f);
        assertThat(engine.render(l, r, BLOCK, always(v))).isTrue();
        for (int i = 0; i < 200; i++) {
            assertThat(l[i]).isZero();
        }
        assertThat(Measure.rms(l, 200, BLOCK)).isGreaterThan(1e-4);
    }

    @Test
    void sixteenVoicesSoundAtOnceAndTheSeventeenthStealsTheOldest() {
        Variation v = clip("ambi_drone.flac");
        VoiceEngine engine = engine();
        for (int k = 0; k < 16; k++) {
            engine.noteOn(k, 40 + k, 0.5f);
        }
        render(engine, always(v), BLOCK);
        assertThat(engine.activeVoices()).isEqualTo(16);
        assertThat(engine.voicesStolen()).isZero();

        engine.noteOn(0, 80, 0.5f);
        render(engine, always(v), BLOCK);
        assertThat(engine.voicesStolen()).isEqualTo(1);
        assertThat(engine.isHeld(40)).isFalse();
        assertThat(engine.isHeld(41)).isTrue();
        assertThat(engine.isHeld(80)).isTrue();
        render(engine, always(v), RATE / 100); // past the steal fade
        assertThat(engine.activeVoices()).isEqualTo(16);
    }

    @Test
    void stealingTakesAReleasingVoiceBeforeAHeldOne() {
        params.setPlain(InstrumentParameter.RELEASE, 5000);
        Variation v = clip("ambi_drone.flac");
        VoiceEngine engine = engine();
        for (int k = 0; k < 16; k++) {
            engine.noteOn(0, 40 + k, 0.5f);
        }
        render(engine, always(v), BLOCK);
        engine.noteOff(0, 47);
        render(engine, always(v), BLOCK);
        assertThat(engine.activeVoices()).isEqualTo(16); // 47 is still releasing
        engine.noteOn(0, 90, 0.5f);
        render(engine, always(v), RATE / 100);
        assertThat(engine.isHeld(40)).isTrue();
        assertThat(engine.activeVoices()).isEqualTo(16);
    }

    /**
     * With and without the voice that gets stolen, the difference of the two mixes is that voice
     * alone: it must fade linearly to nothing over the steal fade, not stop.
     */
    @Test
    void aStolenVoiceFadesInsteadOfStopping() {
        Variation v = loudestStart();
        int firstPart = 4 * BLOCK;
        int secondPart = 4 * BLOCK;
        float[] withVictim = stealScenario(v, true, firstPart, secondPart);
        float[] withoutVictim = stealScenario(v, false, firstPart, secondPart);
        VoiceEngine solo = engine();
        solo.noteOn(0, 40, 0.5f);
        float[] alone = render(solo, always(v), firstPart + secondPart);

        int fade = (int) Math.max(1.0, Voice.STEAL_FADE_SECONDS * RATE);
        for (int i = 0; i < firstPart + secondPart; i++) {
            double difference = withVictim[i] - withoutVictim[i];
            double expected;
            if (i < firstPart) {
                expected = alone[i];
            } else {
                int t = i - firstPart;
                double levelAtSteal = 1.0; // the attack (2 ms) is long over
                expected = alone[i] * Math.max(0, levelAtSteal * (1 - (t + 1.0) / fade));
            }
            assertThat(difference).as("sample %d", i).isCloseTo(expected, within(2e-5));
        }
        assertThat(Measure.rms(alone, firstPart, firstPart + fade / 2)).isGreaterThan(1e-3);
    }

    private float[] stealScenario(Variation v, boolean withVictim, int firstPart, int secondPart) {
        VoiceEngine engine = engine();
        if (withVictim) {
            engine.noteOn(0, 40, 0.5f);
        }
        for (int k = 1; k < 16; k++) {
            engine.noteOn(0, 40 + k, 0.5f);
        }
        float[] a = render(engine, always(v), firstPart);
        engine.noteOn(0, 80, 0.5f);
        float[] b = render(engine, always(v), secondPart);
        float[] out = Arrays.copyOf(a, firstPart + secondPart);
        System.arraycopy(b, 0, out, firstPart, secondPart);
        return out;
    }

    @Test
    void allNotesOffReleasesEveryVoice() {
        Variation v = clip("ambi_drone.flac");
        VoiceEngine engine = engine();
        for (int k = 0; k < 5; k++) {
            engine.noteOn(0, 60 + k, 1f);
        }
        render(engine, always(v), BLOCK);
        engine.allNotesOff();
        render(engine, always(v), (int) (0.25 * RATE)); // release is 200 ms
        assertThat(engine.activeVoices()).isZero();
        float[] l = new float[BLOCK];
        assertThat(engine.render(l, new float[BLOCK], BLOCK, always(v))).isFalse();
        assertThat(l).containsOnly(0f);
    }

    @Test
    void velocityZeroOrNotANumberIsANoteOff() {
        Variation v = clip("ambi_drone.flac");
        VoiceEngine engine = engine();
        engine.noteOn(0, 60, 1f);
        render(engine, always(v), BLOCK);
        engine.noteOn(0, 60, 0f);
        engine.noteOn(0, 61, Float.NaN);
        render(engine, always(v), BLOCK);
        assertThat(engine.isHeld(60)).isFalse();
        assertThat(engine.isHeld(61)).isFalse();
        for (float x : render(engine, always(v), RATE / 2)) {
            assertThat(Float.isFinite(x)).isTrue();
        }
    }

    @Test
    void aNoteWithoutAVariationIsCountedNotPlayed() {
        VoiceEngine engine = engine();
        engine.noteOn(0, 60, 1f);
        float[] out = render(engine, (locked, rate, size) -> null, BLOCK);
        assertThat(out).containsOnly(0f);
        assertThat(engine.notesWithoutSound()).isEqualTo(1);
    }

    @Test
    void parameterEventsTakeEffectAtTheirOffset() {
        params.setPlain(InstrumentParameter.KEYTRACK, 0);
        Variation v = clip("ambi_drone.flac");
        VoiceEngine engine = engine();
        engine.noteOn(0, 60, 1f);
        render(engine, always(v), 4 * BLOCK);
        int id = InstrumentParameter.VARIATION_LOCK.id();
        engine.setParameter(100, id, 1.0);
        assertThat(params.on(InstrumentParameter.VARIATION_LOCK)).isFalse(); // queued, not applied
        float[] l = new float[BLOCK];
        engine.render(l, new float[BLOCK], BLOCK, always(v));
        assertThat(params.on(InstrumentParameter.VARIATION_LOCK)).isTrue();
        // A block of 0 frames flushes parameters, as VST3 hosts do.
        engine.setParameter(0, id, 0.0);
        engine.render(l, new float[BLOCK], 0, always(v));
        assertThat(params.on(InstrumentParameter.VARIATION_LOCK)).isFalse();
    }

    /** Root note, rendered long enough for a fine spectrum; the peak frequency of the middle. */
    private double peakOfNote(Variation v, int key) {
        VoiceEngine engine = engine();
        engine.noteOn(0, key, 1f);
        float[] out = render(engine, always(v), RATE);
        return Measure.peakFrequency(out, 4096, 32768, RATE);
    }
}
