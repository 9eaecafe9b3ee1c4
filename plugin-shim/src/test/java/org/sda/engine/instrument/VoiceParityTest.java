package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;
import org.sda.engine.bridge.VoicesLibrary;

/**
 * The plugin's C voice renderer (plugin-shim's voices.c, through libsda-voices.so and JNA) against
 * the Java {@link VoiceEngine}, on the same variations (with the same octave copies) and the same
 * events: notes across five octaves (so the band-limited copies are read), bursts past the
 * polyphony (stealing, and cutting fades when every spare voice is busy), every envelope, gain,
 * bend, mod-wheel, keytrack and root parameter changing at sample offsets inside blocks, flushes
 * (blocks of 0 frames), all-notes-off, and block sizes from 1 to the maximum. Both sides use the
 * same float and double steps (the vibrato's sine is computed the same way on both sides), so
 * the output is the same to the bit; when it is not, the message says where the voices parted.
 */
class VoiceParityTest {

    private static final double RATE = 48000;
    private static final int MAX_BLOCK = 256;
    private static final int VARIATIONS = 5;
    /**
     * Max sample difference allowed. Measured here: 0 (bit-identical); the margin is for a libm
     * whose pow differs from Java's in the last bit for some parameter value (gain, bend).
     */
    private static final double TOLERANCE = 1e-6;

    /** Where the voices of the two renderers differ (stage, key, level, step, position, ratio), or "". */
    private static String voicesApart(VoicesLibrary voices, Pointer c, VoiceEngine engine) throws ReflectiveOperationException {
        Field f = VoiceEngine.class.getDeclaredField("voices");
        f.setAccessible(true);
        Voice[] all = (Voice[]) f.get(engine);
        StringBuilder out = new StringBuilder();
        double[] ce = new double[9];
        voices.sda_voices_api_engine(c, ce);
        double[] je = new double[9];
        String[] names = {"gain", "gainTarget", "sustain", "lfoPhase", "bendRatio", "vibratoDepth", "attackSamples",
            "decaySamples", "releaseSamples"};
        for (int k = 0; k < names.length; k++) {
            Field e = VoiceEngine.class.getDeclaredField(names[k]);
            e.setAccessible(true);
            je[k] = ((Number) e.get(engine)).doubleValue();
        }
        if (!Arrays.equals(je, ce)) {
            out.append(" engine Java ").append(Arrays.toString(je)).append(" C ").append(Arrays.toString(ce));
        }
        double[] cv = new double[8];
        for (int i = 0; i < all.length; i++) {
            voices.sda_voices_api_voice(c, i, cv);
            double[] jv = {all[i].stage().ordinal(), all[i].key(), all[i].level(), field(all[i], "step"),
                    field(all[i], "position"), field(all[i], "ratio"), field(all[i], "amplitude"),
                    all[i].isIdle() ? 0 : ((float[]) fieldObject(all[i], "samples")).length};
            if (jv[0] != cv[0] || (jv[0] != 0 && !Arrays.equals(jv, cv))) {
                out.append(" voice ").append(i).append(" Java ").append(Arrays.toString(jv))
                        .append(" C ").append(Arrays.toString(cv));
            }
        }
        return out.toString();
    }

    private static Object fieldObject(Voice v, String name) throws ReflectiveOperationException {
        Field f = Voice.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(v);
    }

    private static double field(Voice v, String name) throws ReflectiveOperationException {
        Field f = Voice.class.getDeclaredField(name);
        f.setAccessible(true);
        return ((Number) f.get(v)).doubleValue();
    }

    private record Event(int offset, int kind, int index, double value) {
    }

    @Test
    void theCRendererPlaysWhatTheJavaVoiceEnginePlays() throws ReflectiveOperationException {
        VoicesLibrary voices = VoicesLibrary.load();
        Variation[] variations = new Variation[VARIATIONS];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < VARIATIONS; i++) {
            variations[i] = Variation.of(sound(random, (int) (RATE * (0.3 + 0.4 * i))), (int) RATE);
        }
        Pointer c = voices.sda_voices_api_new(RATE, MAX_BLOCK);
        assertThat(c).isNotNull();
        try {
            for (int i = 0; i < VARIATIONS; i++) {
                assertThat(add(voices, c, variations[i], i)).isEqualTo(i);
            }
            VoiceEngine java = new VoiceEngine(VoiceEngine.DEFAULT_POLYPHONY, RATE, MAX_BLOCK, new ParameterValues());
            VoiceEngine.VariationSupply supply = new VoiceEngine.VariationSupply() {
                int next;

                @Override
                public Variation next(boolean locked, int sampleRate, int poolSize) {
                    // The pool's order for a full pool of fresh variations 0..n-1: in order, then again in turn.
                    return variations[next++ % VARIATIONS];
                }
            };

            float[] jl = new float[MAX_BLOCK], jr = new float[MAX_BLOCK];
            float[] cl = new float[MAX_BLOCK], cr = new float[MAX_BLOCK];
            double maxDiff = 0;
            String firstApart = "none";
            String previous = "";
            double energy = 0;
            long frames = 0;
            int notes = 0;
            for (int block = 0; block < 6000; block++) {
                int n = block % 97 == 0 ? 0 : block % 13 == 0 ? 1 + random.nextInt(MAX_BLOCK) : 64 + random.nextInt(3) * 64;
                List<Event> events = events(random, block, n);
                for (Event e : events) {
                    switch (e.kind) {
                        case EventQueue.NOTE_ON -> {
                            java.noteOn(e.offset, e.index, (float) e.value);
                            notes++;
                        }
                        case EventQueue.NOTE_OFF -> java.noteOff(e.offset, e.index);
                        case EventQueue.PARAMETER -> java.setParameter(e.offset, e.index, e.value);
                        case EventQueue.ALL_NOTES_OFF -> java.allNotesOff();
                        default -> throw new IllegalStateException();
                    }
                }
                boolean javaSounded = java.render(jl, jr, n, supply);
                int cSounded = render(voices, c, cl, cr, n, events);
                assertThat(cSounded == 1).as("block %d: sounded", block).isEqualTo(javaSounded);
                for (int i = 0; i < n; i++) {
                    double d = Math.max(Math.abs(jl[i] - cl[i]), Math.abs(jr[i] - cr[i]));
                    if (d > TOLERANCE && firstApart.equals("none")) {
                        firstApart = "block " + block + " (" + n + " frames, events " + events + ", before " + previous + ") "
                                + voicesApart(voices, c, java) + ", sample " + i
                                + ": Java " + jl[i] + ", C " + cl[i];
                    }
                    maxDiff = Math.max(maxDiff, d);
                    energy += (double) jl[i] * jl[i];
                }
                frames += n;
                previous = n + " frames " + events;
                String apart = voicesApart(voices, c, java);
                if (!apart.isEmpty() && firstApart.equals("none")) {
                    firstApart = "voices after block " + block + " (" + n + " frames, events " + events + "):" + apart;
                }
            }
            System.out.printf("C renderer vs Java VoiceEngine: %d frames, %d note-ons, %d voices stolen,"
                    + " max sample difference %.3g (rms of the output %.3f)%n", frames, notes, java.voicesStolen(),
                    maxDiff, Math.sqrt(energy / frames));
            assertThat(energy / frames).as("the comparison is of sound, not silence").isGreaterThan(1e-4);
            assertThat(java.voicesStolen()).as("stealing was exercised").isGreaterThan(10);
            assertThat(voices.sda_voices_api_notes_without_sound(c)).isZero();
            assertThat(maxDiff).as("max sample difference; first apart at %s", firstApart).isLessThanOrEqualTo(TOLERANCE);
        } finally {
            voices.sda_voices_api_free(c);
        }
    }

    /** A sound with an onset, partials and noise, so interpolation and octave copies matter. */
    private static float[] sound(SplittableRandom random, int length) {
        float[] s = new float[length];
        double f = 110 + random.nextDouble() * 660;
        for (int i = 0; i < length; i++) {
            double t = i / RATE;
            double env = Math.exp(-3 * t) * Math.min(1, i / 200.0);
            s[i] = (float) (env * (0.5 * Math.sin(2 * Math.PI * f * t) + 0.2 * Math.sin(2 * Math.PI * 3.1 * f * t)
                    + 0.1 * (random.nextDouble() * 2 - 1)));
        }
        return s;
    }

    private static int add(VoicesLibrary voices, Pointer c, Variation v, long index) {
        int total = 0;
        int[] frames = new int[v.octaveCount()];
        for (int k = 0; k < frames.length; k++) {
            frames[k] = v.octave(k).length;
            total += frames[k];
        }
        float[] all = new float[total];
        int at = 0;
        for (int k = 0; k < frames.length; k++) {
            System.arraycopy(v.octave(k), 0, all, at, frames[k]);
            at += frames[k];
        }
        return voices.sda_voices_api_add(c, all, frames, frames.length, index);
    }

    /** The events of one block, sorted by offset (ties in the order made), as a host hands them over. */
    private static List<Event> events(SplittableRandom random, int block, int n) {
        List<Event> out = new ArrayList<>();
        int last = Math.max(0, n - 1);
        if (block % 400 == 399) {
            // a burst: more notes at once than the polyphony, and more than its spare voices
            for (int k = 0; k < 40; k++) {
                out.add(new Event(random.nextInt(last + 1), EventQueue.NOTE_ON, 36 + random.nextInt(60),
                        (float) (0.1 + 0.9 * random.nextDouble())));
            }
        }
        int count = random.nextInt(4);
        for (int k = 0; k < count; k++) {
            int offset = random.nextInt(last + 2); // one past the end now and then: applies at the last sample
            double r = random.nextDouble();
            if (r < 0.35) {
                out.add(new Event(offset, EventQueue.NOTE_ON, 24 + random.nextInt(90), (float) random.nextDouble()));
            } else if (r < 0.65) {
                out.add(new Event(offset, EventQueue.NOTE_OFF, 24 + random.nextInt(90), 0));
            } else if (r < 0.97) {
                // Everything the voices read; not the lock and the pool size, whose rules are the
                // pool's (pool.c against VariationPool), kept at their defaults here.
                int[] ids = {0, 6, 7, 8, 9, 10, 11, 13, 14};
                int id = ids[random.nextInt(ids.length)];
                double value = id == 10 ? (random.nextDouble() < 0.8 ? 1 : 0) // keytrack mostly on
                        : id == 6 || id == 7 || id == 9 ? random.nextDouble() * 0.05 // times up to 100-250 ms
                        : random.nextDouble();
                out.add(new Event(offset, EventQueue.PARAMETER, id, value));
            } else {
                out.add(new Event(0, EventQueue.ALL_NOTES_OFF, 0, 0)); // block start: Java's allNotesOff has no offset
            }
        }
        out.sort((a, b) -> Integer.compare(a.offset, b.offset)); // as the Java EventQueue keeps them
        return out;
    }

    private static int render(VoicesLibrary voices, Pointer c, float[] left, float[] right, int n, List<Event> events) {
        int count = events.size();
        int[] offsets = new int[Math.max(1, count)];
        int[] kinds = new int[Math.max(1, count)];
        int[] indexes = new int[Math.max(1, count)];
        double[] values = new double[Math.max(1, count)];
        for (int i = 0; i < count; i++) {
            Event e = events.get(i);
            offsets[i] = e.offset;
            kinds[i] = e.kind;
            indexes[i] = e.index;
            values[i] = e.value;
        }
        return voices.sda_voices_api_render(c, left, right, n, offsets, kinds, indexes, values, count);
    }
}
