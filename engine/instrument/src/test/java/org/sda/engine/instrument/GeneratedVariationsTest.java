package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.Resampler;
import org.sda.engine.generate.GenerationSettings;
import org.sda.engine.generate.Generator;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.model.SdaModel;

/** The shipped instrument over a model with a prior (real ONNX graphs, tiny): it generates and plays. */
class GeneratedVariationsTest {

    private static final int RATE = 48000;

    @TempDir
    Path dir;

    /** The variation cache in the test's folder. */
    private InstrumentConfig config() {
        return new InstrumentConfig(Optional.empty(), Optional.of(dir.resolve("cache")), Optional.empty());
    }

    @Test
    void theShippedInstrumentPlaysThePriorsVariationsForItsSeed() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        try (Instrument instrument = Instruments.create(config())) {
            instrument.prepare(RATE, 256);
            float[] l = new float[256];
            float[] r = new float[256];
            instrument.setParameter(0, InstrumentParameter.POOL_SIZE.id(), InstrumentParameter.POOL_SIZE.toNormalized(2));
            instrument.setParameter(0, InstrumentParameter.VARIATION_SEED.id(),
                    InstrumentParameter.VARIATION_SEED.toNormalized(9));
            instrument.setParameter(0, InstrumentParameter.TEMPERATURE.id(),
                    InstrumentParameter.TEMPERATURE.toNormalized(0.8));
            instrument.render(l, r, 0);
            assertThat(instrument.loadModel(model.file()).ok()).as(instrument.status()).isTrue();
            VariationPool pool = ((VariationInstrument) instrument).session().pool();
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (pool.readyCount() < 2) {
                assertThat(System.nanoTime()).as(instrument.status()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(instrument.status()).startsWith("Playing " + model.manifest().name() + ": 2/2");

            // Variation 0 of seed 9 is what the generator makes for its derived seed, resampled.
            double seconds = GeneratedVariations.lengthFor(model.manifest());
            float[] expected;
            try (Generator generator = Generator.open(model)) {
                float[] atModelRate = generator.generate(new GenerationSettings(seconds, 0.8, 0,
                        InstrumentParameter.TOP_P.defaultValue(), VariationRequest.seedFor(9, 0)),
                        Generator.Listener.NONE).samples();
                expected = Resampler.resample(atModelRate, generator.sampleRate(), RATE);
            }
            Variation first = pool.first();
            assertThat(first.frameCount()).isEqualTo(expected.length);
            float[] played = first.samples();
            int fade = (int) Math.ceil(Variation.END_FADE_SECONDS * RATE);
            for (int i = 0; i < played.length - fade; i++) {
                assertThat(played[i]).isEqualTo(expected[i]);
            }

            instrument.noteOn(0, 60, 1f);
            double energy = 0;
            for (int pos = 0; pos < RATE / 2; pos += 256) {
                instrument.render(l, r, 256);
                for (float v : l) {
                    assertThat(Float.isFinite(v)).isTrue();
                    energy += v * v;
                }
            }
            assertThat(energy).isGreaterThan(1e-3);
        }
        try (java.util.stream.Stream<Path> cached = java.nio.file.Files.walk(dir.resolve("cache"))) {
            assertThat(cached.filter(p -> p.toString().endsWith(".f32")).count()).as("variations kept on disk")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Variations made ahead beside the demo model are played from there: the user's cache gets
     * nothing, because nothing had to be generated.
     */
    @Test
    void variationsMadeAheadBesideTheDemoModelPlayWithoutGenerating() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("demo.sda"));
        VariationPrefill.run(model.file(), VariationPrefill.folderBeside(model.file()), 0, 4, (done, count) -> { });
        try (Instrument instrument = Instruments.create(config().withDemoModel(model.file()))) {
            // Before prepare, which starts loading the demo model: the pool is 4 from the start.
            instrument.setParameter(0, InstrumentParameter.POOL_SIZE.id(), InstrumentParameter.POOL_SIZE.toNormalized(4));
            instrument.prepare(RATE, 256);
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!instrument.status().startsWith("Playing " + model.manifest().name() + ": 4/4")) {
                assertThat(System.nanoTime()).as(instrument.status()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(((VariationInstrument) instrument).session().model().demo()).isTrue();
        }
        Path userCache = dir.resolve("cache");
        if (java.nio.file.Files.exists(userCache)) {
            try (java.util.stream.Stream<Path> cached = java.nio.file.Files.walk(userCache)) {
                assertThat(cached.filter(p -> p.toString().endsWith(".f32")).count()).isZero();
            }
        }
    }

    @Test
    void aModelWithoutAPriorSaysHowToTrainOne() throws Exception {
        SdaModel model = ToyPrior.withoutPrior(dir.resolve("plain.sda"));
        try (Instrument instrument = Instruments.create(config())) {
            instrument.prepare(RATE, 256);
            assertThat(instrument.loadModel(model.file()).ok()).isFalse();
            assertThat(instrument.status()).contains("has no prior").contains("sda train-prior")
                    .contains("plain.sda").contains("playing silence");
        }
    }

    /** The toy model with {@code prior.onnx} replaced by bytes that are no ONNX graph; the archive itself is sound. */
    private static SdaModel withBrokenPrior(SdaModel good, Path file) throws Exception {
        java.util.Map<String, byte[]> entries = new java.util.HashMap<>(good.entries());
        entries.put(SdaModel.PRIOR, "not an ONNX graph".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.sda.engine.model.SdaModelFile.write(file, good.manifest(), entries);
        return org.sda.engine.model.SdaModelFile.read(file);
    }

    /**
     * Variations made ahead play before, and without, the model's sessions (opened on the first generation): beside a demo model
     * whose prior cannot be opened, the two made ahead still play, and the rest of the pool fails
     * with a reason that names the file.
     */
    @Test
    void variationsMadeAheadPlayWhileTheSessionsOpenAndAFailedOpenIsReported() throws Exception {
        SdaModel good = ToyPrior.model(dir.resolve("good.sda"));
        SdaModel broken = withBrokenPrior(good, dir.resolve("demo.sda"));
        VariationCache beside = new VariationCache(VariationPrefill.folderBeside(broken.file()), Long.MAX_VALUE);
        ParameterValues defaults = new ParameterValues();
        try (GeneratedVariations source = GeneratedVariations.open(good)) {
            for (int i = 0; i < 2; i++) {
                VariationRequest request = VariationPool.requestFor(source, defaults, 0, i);
                beside.putOrThrow(broken.contentHash(), request, source.sampleRate(), source.generate(request));
            }
        }
        try (Instrument instrument = Instruments.create(config().withDemoModel(broken.file()))) {
            instrument.setParameter(0, InstrumentParameter.POOL_SIZE.id(), InstrumentParameter.POOL_SIZE.toNormalized(4));
            instrument.prepare(RATE, 256);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!instrument.status().contains("generation failed")) {
                assertThat(System.nanoTime()).as(instrument.status()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(instrument.status()).startsWith("Playing " + broken.manifest().name() + ": 2/4")
                    .contains("demo.sda");
            float[] l = new float[256];
            float[] r = new float[256];
            instrument.noteOn(0, 60, 1f);
            double energy = 0;
            for (int pos = 0; pos < RATE / 4; pos += 256) {
                instrument.render(l, r, 256);
                for (float v : l) {
                    energy += v * v;
                }
            }
            assertThat(energy).as("a variation made ahead plays").isGreaterThan(1e-3);
        }
    }

    /** A model the user chooses is refused, naming the file, when its sessions cannot be opened. */
    @Test
    void aChosenModelWhoseSessionsCannotOpenIsRefusedAndTheOldOnePlaysOn() throws Exception {
        SdaModel good = ToyPrior.model(dir.resolve("good.sda"));
        SdaModel broken = withBrokenPrior(good, dir.resolve("broken.sda"));
        try (Instrument instrument = Instruments.create(config())) {
            instrument.prepare(RATE, 256);
            assertThat(instrument.loadModel(good.file()).ok()).as(instrument.status()).isTrue();
            Instrument.RestoreResult refused = instrument.loadModel(broken.file());
            assertThat(refused.ok()).isFalse();
            assertThat(refused.message()).contains("broken.sda").contains("refused")
                    .contains("still playing " + good.manifest().name());
            assertThat(((VariationInstrument) instrument).session().model().path()).isEqualTo(good.file());
        }
        GeneratedVariations opening = GeneratedVariations.openLazily(broken);
        assertThat(opening.sampleRate()).isEqualTo(broken.manifest().audio().sampleRate());
        org.assertj.core.api.Assertions.assertThatThrownBy(opening::awaitOpen)
                .isInstanceOf(VariationSource.SourceUnavailableException.class).hasMessageContaining("broken.sda");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> opening.generate(
                        VariationPool.requestFor(opening, new ParameterValues(), 0, 0)))
                .hasMessageContaining("broken.sda");
        opening.close();
    }
}
