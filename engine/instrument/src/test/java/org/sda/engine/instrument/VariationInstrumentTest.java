package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole instrument: models, the pool and its workers, the render path. */
class VariationInstrumentTest {

    private static final int RATE = 44100;

    @TempDir
    Path dir;

    /** What a note at the root with velocity 1 and 0 dB must be, after the 2 ms attack: the variation itself. */
    private static void assertPlays(float[] rendered, float[] variation) {
        for (int i = 200; i < Math.min(rendered.length, variation.length - 300); i++) {
            assertThat(rendered[i]).as("sample %d", i).isEqualTo(variation[i]);
        }
    }

    private static float[] expected(ClipSource source, int seed, long index) throws InterruptedException {
        return source.generate(new VariationRequest(source.defaultSeconds(), 1, 0, 1,
                VariationRequest.seedFor(seed, index), index));
    }

    @Test
    void notesPlayTheSeedsVariationsInOrder() throws Exception {
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.set(InstrumentParameter.VARIATION_SEED, 7);
            assertThat(rig.instrument.loadModel(Rig.model(dir, "a.sda", 1)).ok()).isTrue();
            rig.awaitReady(16);
            assertThat(rig.instrument.status()).startsWith("Playing toy: 16/16");
            ClipSource source = rig.opened.get(0);
            for (int n = 0; n < 3; n++) {
                assertPlays(rig.note(60, 1f, RATE), expected(source, 7, n));
            }
            assertThat(rig.instrument.latencySamples()).isZero();
        }
    }

    /**
     * A bounce right after loading: in real time the first note finds nothing ready and is
     * silent; offline, notes wait for their variations and the bounce plays the seed's sequence.
     */
    @Test
    void offlineNotesWaitForTheirVariations() throws Exception {
        Path model = Rig.model(dir, "a.sda", 1);
        java.util.concurrent.CountDownLatch realtimeGate = new java.util.concurrent.CountDownLatch(1);
        try (Rig rig = new Rig(null, DemoSounds.all(), realtimeGate)) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(model);
            assertThat(rig.note(60, 1f, RATE / 4)).containsOnly(0f);
            assertThat(rig.instrument.status()).contains("1 note found no variation ready");
            realtimeGate.countDown();
        }
        java.util.concurrent.CountDownLatch offlineGate = new java.util.concurrent.CountDownLatch(1);
        try (Rig rig = new Rig(null, DemoSounds.all(), offlineGate)) {
            rig.instrument.setOffline(true);
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(model);
            Thread opener = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                offlineGate.countDown();
            });
            opener.start();
            ClipSource source = rig.opened.get(0);
            for (int n = 0; n < 3; n++) {
                assertPlays(rig.note(60, 1f, RATE / 4), expected(source, 0, n));
            }
            opener.join();
        }
    }

    /**
     * A replaced model's pool closes in the background, finishing the generation it is in (which
     * may write to the cache): closing the instrument waits for it, so nothing of the instrument
     * touches its files after close returns.
     */
    @Test
    void closeWaitsForAReplacedModelsPoolToFinish() throws Exception {
        CountDownLatch firstModelsGate = new CountDownLatch(1);
        List<ClipSource> opened = new CopyOnWriteArrayList<>();
        VariationInstrument instrument = new VariationInstrument(model -> {
            ClipSource s = new ClipSource(model.manifest().name(), DemoSounds.all(),
                    opened.isEmpty() ? firstModelsGate : null);
            opened.add(s);
            return s;
        }, 1, VoiceEngine.DEFAULT_POLYPHONY, null);
        Thread closer = new Thread(instrument::close, "closer");
        try {
            instrument.prepare(RATE, Rig.BLOCK);
            assertThat(instrument.loadModel(Rig.model(dir, "a.sda", 1)).ok()).isTrue();
            ClipSource first = opened.get(0);
            while (first.started.get() == 0) {
                Thread.sleep(5);
            }
            assertThat(instrument.loadModel(Rig.model(dir, "b.sda", 2)).ok()).isTrue();
            closer.start();
            closer.join(500);
            assertThat(closer.isAlive()).as("close waits while the replaced pool generates").isTrue();
            assertThat(first.closed).isFalse();
        } finally {
            firstModelsGate.countDown();
        }
        closer.join(60_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(opened).allSatisfy(s -> assertThat(s.closed).isTrue());
    }

    @Test
    void lockReplaysTheSeedsFirstVariation() throws Exception {
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(Rig.model(dir, "a.sda", 1));
            rig.awaitReady(16);
            rig.set(InstrumentParameter.VARIATION_LOCK, 1);
            float[] first = expected(rig.opened.get(0), 0, 0);
            for (int n = 0; n < 4; n++) {
                assertPlays(rig.note(60, 1f, RATE / 2), first);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSoundsInAnotherInstrument() throws Exception {
        Path model = Rig.model(dir, "a.sda", 1);
        float[][] takes = new float[3][];
        int[] seeds = {3, 3, 4};
        for (int t = 0; t < 3; t++) {
            try (Rig rig = new Rig()) {
                rig.instrument.prepare(RATE, Rig.BLOCK);
                rig.set(InstrumentParameter.VARIATION_SEED, seeds[t]);
                rig.instrument.loadModel(model);
                rig.awaitReady(16);
                float[] a = rig.note(60, 0.7f, RATE / 4);
                float[] b = rig.note(64, 0.9f, RATE / 4);
                takes[t] = concat(a, b);
            }
        }
        assertThat(takes[1]).containsExactly(takes[0]);
        assertThat(Arrays.equals(takes[0], takes[2])).isFalse();
    }

    @Test
    void changingTheSeedRefillsThePoolWithTheNewSeedsVariations() throws Exception {
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(Rig.model(dir, "a.sda", 1));
            rig.awaitReady(16);
            rig.instrument.setParameter(0, InstrumentParameter.VARIATION_SEED.id(),
                    InstrumentParameter.VARIATION_SEED.toNormalized(11));
            rig.render(Rig.BLOCK);
            rig.await(() -> {
                Variation f = rig.instrument.session().pool().first();
                return f != null && f.epoch() == 2;
            }, "the new seed's first variation").awaitReady(16);
            assertPlays(rig.note(60, 1f, RATE / 2), expected(rig.opened.get(0), 11, 0));
        }
    }

    @Test
    void samplingSettingsApplyToVariationsGeneratedFromThenOn() throws Exception {
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.set(InstrumentParameter.POOL_SIZE, 1);
            rig.instrument.loadModel(Rig.model(dir, "a.sda", 1));
            rig.awaitReady(1);
            ClipSource source = rig.opened.get(0);
            assertThat(source.lastRequest.temperature()).isEqualTo(1.0);
            rig.instrument.setParameter(0, InstrumentParameter.TEMPERATURE.id(),
                    InstrumentParameter.TEMPERATURE.toNormalized(0.5));
            rig.instrument.setParameter(0, InstrumentParameter.TOP_K.id(), InstrumentParameter.TOP_K.toNormalized(32));
            rig.instrument.setParameter(0, InstrumentParameter.TOP_P.id(), InstrumentParameter.TOP_P.toNormalized(0.5));
            rig.note(60, 1f, Rig.BLOCK); // plays the only variation, so a new one is made
            rig.await(() -> source.lastRequest.index() >= 1, "a variation made after the change");
            VariationRequest r = source.lastRequest;
            assertThat(r.temperature()).isCloseTo(0.5, within(1e-9));
            assertThat(r.topK()).isEqualTo(32);
            assertThat(r.topP()).isCloseTo(0.5, within(1e-9));
        }
    }

    @Test
    void variationsAreResampledToTheHostRateKeepingTheirPitch() throws Exception {
        try (Rig rig = new Rig(null, java.util.List.of(DemoSounds.named("ambi_glass_hum.flac")))) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(Rig.model(dir, "a.sda", 1));
            rig.awaitReady(16);
            double at44 = Measure.peakFrequency(rig.note(60, 1f, RATE), 4096, 32768, RATE);
            rig.instrument.prepare(96000, 512);
            rig.await(() -> rig.instrument.session().pool().first().sampleRate() == 96000, "resampled pool")
                    .awaitReady(16);
            float[] at96 = new float[96000];
            rig.instrument.noteOn(0, 60, 1f);
            float[] l = new float[512];
            for (int pos = 0; pos < at96.length; pos += 512) {
                rig.instrument.render(l, new float[512], 512);
                System.arraycopy(l, 0, at96, pos, Math.min(512, at96.length - pos));
            }
            assertThat(Measure.peakFrequency(at96, 8192, 65536, 96000)).isCloseTo(at44, within(at44 * 0.002));
        }
    }

    @Test
    void switchingModelsWhilePlayingKeepsTheSoundingNotesAndPlaysTheNewModelsSounds() throws Exception {
        Path a = Rig.model(dir, "a.sda", 1);
        Path b = Rig.model(dir, "b.sda", 2);
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.instrument.loadModel(a);
            rig.awaitReady(16);
            // Two octaves below the root: the 3 s variation lasts 12 s, longer than any load takes.
            rig.instrument.noteOn(0, 36, 1f);
            rig.render(Rig.BLOCK * 4);
            AtomicReference<Instrument.RestoreResult> switched = new AtomicReference<>();
            Thread loader = new Thread(() -> switched.set(rig.instrument.loadModel(b)));
            loader.start();
            // The render thread carries on while the other thread loads and swaps.
            int rendered = 0;
            while (loader.isAlive() && rendered < 10 * RATE) {
                rendered += Rig.BLOCK;
                float[] out = rig.render(Rig.BLOCK);
                assertThat(Measure.rms(out, 0, out.length)).isGreaterThan(0);
            }
            loader.join();
            assertThat(switched.get().ok()).isTrue();
            float[] stillSounding = rig.render(Rig.BLOCK);
            assertThat(Measure.rms(stillSounding, 0, Rig.BLOCK)).as("the held note plays on").isGreaterThan(1e-4);
            rig.awaitReady(16);
            assertThat(rig.opened).hasSize(2);
            rig.await(() -> rig.opened.get(0).closed, "the old model's source closed");
            assertThat(rig.instrument.session().model().path()).isEqualTo(b.toAbsolutePath().normalize());
        }
    }

    @Test
    void theShippedInstrumentSaysHowToTrainAPriorForAModelWithout() throws Exception {
        Path model = Rig.model(dir, "noprior.sda", 1);
        try (Instrument instrument = Instruments.create()) {
            instrument.prepare(RATE, 128);
            Instrument.RestoreResult r = instrument.loadModel(model);
            assertThat(r.ok()).isFalse();
            assertThat(instrument.status()).contains("no prior").contains("sda train-prior").contains("silence");
            instrument.noteOn(0, 60, 1f);
            float[] l = new float[128];
            assertThat(instrument.render(l, new float[128], 128)).isFalse();
            assertThat(l).containsOnly(0f);
        }
    }

    @Test
    void theDemoModelPlaysUntilAnotherIsChosen() throws Exception {
        Path demo = Rig.model(dir, "demo.sda", 5);
        try (Rig rig = new Rig(demo, DemoSounds.all())) {
            assertThat(rig.instrument.status()).contains("demo");
            rig.instrument.prepare(RATE, Rig.BLOCK);
            rig.awaitReady(16);
            assertThat(rig.instrument.session().model().demo()).isTrue();
            assertThat(new String(rig.instrument.saveState(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"demo\" : true").doesNotContain("demo.sda");
            float[] out = rig.note(60, 1f, RATE / 4);
            assertThat(Measure.rms(out, 0, out.length)).isGreaterThan(1e-3);
        }
        try (Instrument none = Instruments.create(ClipSource.opener(DemoSounds.all()), null)) {
            none.prepare(RATE, 64);
            assertThat(none.status()).startsWith("No model");
        }
        try (Rig gone = new Rig(dir.resolve("not-there.sda"), DemoSounds.all())) {
            gone.instrument.prepare(RATE, 64);
            gone.await(() -> gone.instrument.status().startsWith("The built-in demo model is missing"), "demo status");
            assertThat(gone.note(60, 1f, 1024)).containsOnly(0f);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
