package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** saveState / restoreState: exact round trips, and blobs that must not hurt. */
class InstrumentStateTest {

    private static final int RATE = 44100;

    @TempDir
    Path dir;

    /** Every parameter moved away from its default (ids and values as a host would automate them). */
    private static void setEveryParameter(Rig rig) {
        rig.set(InstrumentParameter.GAIN, -7.5).set(InstrumentParameter.TEMPERATURE, 0.8)
                .set(InstrumentParameter.TOP_K, 40).set(InstrumentParameter.TOP_P, 0.7)
                .set(InstrumentParameter.VARIATION_SEED, 123).set(InstrumentParameter.VARIATION_LOCK, 0)
                .set(InstrumentParameter.ATTACK, 15).set(InstrumentParameter.DECAY, 300)
                .set(InstrumentParameter.SUSTAIN, 70).set(InstrumentParameter.RELEASE, 450)
                .set(InstrumentParameter.KEYTRACK, 1).set(InstrumentParameter.ROOT_NOTE, 57)
                .set(InstrumentParameter.POOL_SIZE, 8).set(InstrumentParameter.PITCH_BEND, 0.5)
                .set(InstrumentParameter.MOD_WHEEL, 20);
    }

    /** A fixed little performance: three notes, one bent, after the pool is full. */
    private static float[] perform(Rig rig) {
        rig.awaitReady(8);
        float[] a = rig.note(57, 0.9f, RATE / 4);
        float[] b = rig.note(62, 0.6f, RATE / 4);
        float[] c = rig.note(50, 1.0f, RATE / 4);
        float[] out = Arrays.copyOf(a, a.length * 3);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, 2 * a.length, c.length);
        return out;
    }

    @Test
    void aProjectReopensExactly() throws Exception {
        Path model = Rig.model(dir, "song.sda", 1);
        byte[] state;
        float[] original;
        double[] values = new double[InstrumentParameter.values().length];
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            setEveryParameter(rig);
            rig.instrument.loadModel(model);
            state = rig.instrument.saveState();
            for (InstrumentParameter p : InstrumentParameter.values()) {
                values[p.id()] = rig.instrument.parameter(p.id());
            }
            original = perform(rig);
        }
        String json = new String(state, StandardCharsets.UTF_8);
        assertThat(json).contains("\"formatVersion\" : 1").contains(model.toAbsolutePath().normalize().toString())
                .contains("\"contentHash\"");

        try (Rig rig = new Rig()) {
            Instrument.RestoreResult result = rig.instrument.restoreState(state);
            assertThat(result.ok()).as(result.message()).isTrue();
            rig.instrument.prepare(RATE, Rig.BLOCK);
            for (InstrumentParameter p : InstrumentParameter.values()) {
                assertThat(rig.instrument.parameter(p.id())).as(p.title()).isEqualTo(values[p.id()]);
            }
            float[] again = perform(rig);
            int firstDifference = Arrays.mismatch(again, original);
            assertThat(firstDifference).as("same variations for the same seed; first difference at %d: %s",
                    firstDifference, firstDifference < 0 ? "" : again[firstDifference] + " vs " + original[firstDifference])
                    .isEqualTo(-1);
            assertThat(rig.instrument.saveState()).isEqualTo(state);
        }
    }

    @Test
    void restoringTheModelThatPlaysStartsItsSequenceAgain() throws Exception {
        Path model = Rig.model(dir, "song.sda", 1);
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(model);
            byte[] state = rig.instrument.saveState();
            float[] first = perform(rig);
            assertThat(rig.instrument.restoreState(state).ok()).isTrue();
            rig.await(() -> rig.instrument.session().pool().first().epoch() == 2, "restarted sequence");
            assertThat(perform(rig)).containsExactly(first);
        }
    }

    @Test
    void aMissingModelRestoresEverythingElsePlaysSilenceAndKeepsTheReference() throws Exception {
        Path model = Rig.model(dir, "gone.sda", 1);
        byte[] state;
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            setEveryParameter(rig);
            rig.instrument.loadModel(model);
            state = rig.instrument.saveState();
        }
        Files.delete(model);
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            Instrument.RestoreResult result = rig.instrument.restoreState(state);
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).startsWith("Model missing: ").contains("gone.sda");
            assertThat(rig.instrument.status()).startsWith("Model missing: ").contains("silence");
            assertThat(InstrumentParameter.ROOT_NOTE.toPlain(rig.instrument.parameter(InstrumentParameter.ROOT_NOTE.id())))
                    .isEqualTo(57);
            assertThat(InstrumentParameter.GAIN.toPlain(rig.instrument.parameter(InstrumentParameter.GAIN.id())))
                    .isCloseTo(-7.5, within(1e-9));
            float[] out = rig.note(60, 1f, RATE / 10);
            assertThat(out).containsOnly(0f);
            assertThat(rig.instrument.saveState()).as("saving again loses nothing").isEqualTo(state);
        }
    }

    @Test
    void aModelWhoseContentChangedIsNotPlayedAndSaysSo() throws Exception {
        Path model = Rig.model(dir, "song.sda", 1);
        byte[] state;
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(model);
            state = rig.instrument.saveState();
        }
        Rig.model(dir, "song.sda", 2); // another model under the same name
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            Instrument.RestoreResult result = rig.instrument.restoreState(state);
            assertThat(result.ok()).isFalse();
            assertThat(rig.instrument.status()).startsWith("Model changed since the project was saved");
            assertThat(rig.note(60, 1f, RATE / 10)).containsOnly(0f);
            assertThat(rig.instrument.saveState()).isEqualTo(state);
            assertThat(rig.instrument.loadModel(model).ok()).as("choosing it again plays it").isTrue();
        }
    }

    @Test
    void badBlobsNeverThrowAndLeaveTheInstrumentPlaying() throws Exception {
        Path model = Rig.model(dir, "song.sda", 1);
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.set(InstrumentParameter.ROOT_NOTE, 50);
            rig.instrument.loadModel(model);
            byte[] good = rig.instrument.saveState();
            rig.awaitReady(16);

            SplittableRandom random = new SplittableRandom(5);
            byte[] garbage = new byte[4096];
            random.nextBytes(garbage);
            byte[][] bad = {
                new byte[0],
                garbage,
                "VST3 chunk\u0000\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1),
                "{\"plugin\":\"SomeSynth\",\"version\":3,\"patch\":{\"cutoff\":0.5}}".getBytes(StandardCharsets.UTF_8),
                "[1,2,3]".getBytes(StandardCharsets.UTF_8),
                "null".getBytes(StandardCharsets.UTF_8),
                "{\"format\":\"sda-instrument\",\"formatVersion\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                "{\"format\":\"sda-instrument\",\"formatVersion\":1,\"model\":7,\"parameters\":[]}"
                        .getBytes(StandardCharsets.UTF_8),
                (new String(good, StandardCharsets.UTF_8) + "}garbage").getBytes(StandardCharsets.UTF_8),
            };
            for (byte[] blob : bad) {
                assertThat(rig.instrument.restoreState(blob).ok()).isFalse();
            }
            // Every truncation of a real state.
            for (int n = 0; n < good.length; n++) {
                Instrument.RestoreResult r = rig.instrument.restoreState(Arrays.copyOf(good, n));
                assertThat(r.ok()).as("truncated to %d bytes", n).isFalse();
                assertThat(r.message()).contains("nothing was changed");
            }
            assertThat(InstrumentParameter.ROOT_NOTE.toPlain(rig.instrument.parameter(InstrumentParameter.ROOT_NOTE.id())))
                    .isEqualTo(50);
            assertThat(rig.instrument.status()).startsWith("Playing toy");
            float[] out = rig.note(50, 1f, RATE / 10);
            assertThat(Measure.rms(out, 0, out.length)).isGreaterThan(1e-3);
        }
    }

    @Test
    void oddButReadableStatesRestoreWhatTheyCanAndSaySo() throws Exception {
        Path model = Rig.model(dir, "song.sda", 1);
        String json = "{\"format\":\"sda-instrument\",\"formatVersion\":9,\"future\":{\"x\":1},"
                + "\"model\":{\"demo\":false,\"path\":\"" + model.toAbsolutePath().toString().replace("\\", "\\\\")
                + "\"},"
                + "\"parameters\":[{\"id\":11,\"value\":300},{\"id\":99,\"value\":1},{\"id\":0,\"value\":-3}]}";
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            Instrument.RestoreResult r = rig.instrument.restoreState(json.getBytes(StandardCharsets.UTF_8));
            assertThat(r.ok()).isFalse();
            assertThat(r.message()).startsWith("Playing toy").contains("newer version").contains("Root note was out of range")
                    .contains("Attack was missing");
            assertThat(InstrumentParameter.ROOT_NOTE.toPlain(rig.instrument.parameter(InstrumentParameter.ROOT_NOTE.id())))
                    .isEqualTo(127);
            assertThat(InstrumentParameter.GAIN.toPlain(rig.instrument.parameter(InstrumentParameter.GAIN.id())))
                    .isCloseTo(-3, within(1e-9));
        }
    }
}
