package org.sda.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.Loudness;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

class GeneratorTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedAndSettingsGiveTheSameSamples() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        GenerationSettings settings = new GenerationSettings(3.0, 1.0, 0, 1.0, 42);
        float[] first;
        float[] again;
        float[] other;
        try (Generator g = Generator.open(model)) {
            first = g.generate(settings, Generator.Listener.NONE).samples();
            other = g.generate(settings.withSeed(43), Generator.Listener.NONE).samples();
        }
        try (Generator g = Generator.open(model)) {
            again = g.generate(settings, Generator.Listener.NONE).samples();
        }
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    /** A calibrated prior's temperature 1 is its calibrated temperature; the user's value multiplies it. */
    @Test
    void theUsersTemperatureIsRelativeToThePriorsCalibratedOne() throws Exception {
        SdaModel plain = ToyPrior.model(dir.resolve("toy.sda"));
        SdaManifest m = plain.manifest();
        SdaManifest.Prior calibrated = m.prior().withSampling(new SdaManifest.Sampling(0.5, "test",
                List.of(new SdaManifest.SamplingTrial(1.0, 3.0, 0.1), new SdaManifest.SamplingTrial(0.5, 1.0, 0.2))));
        SdaModel model = new SdaModel(plain.file(), "", new SdaManifest(m.formatVersion(), m.name(), m.tags(),
                m.created(), m.audio(), m.vq(), m.dataset(), m.training(), calibrated, m.analysis()), plain.entries());
        GenerationSettings one = new GenerationSettings(1.0, 1.0, 0, 1.0, 5);
        float[] plainHalf;
        float[] plainOne;
        try (Generator g = Generator.open(plain)) {
            assertThat(g.absoluteTemperature(one)).isEqualTo(1.0);
            plainHalf = g.generate(new GenerationSettings(1.0, 0.5, 0, 1.0, 5), Generator.Listener.NONE).samples();
            plainOne = g.generate(one, Generator.Listener.NONE).samples();
        }
        try (Generator g = Generator.open(model)) {
            assertThat(g.absoluteTemperature(one)).isEqualTo(0.5);
            assertThat(g.absoluteTemperature(new GenerationSettings(1.0, 1.6, 0, 1.0, 5))).isCloseTo(0.8,
                    org.assertj.core.data.Offset.offset(1e-12));
            float[] calibratedOne = g.generate(one, Generator.Listener.NONE).samples();
            assertThat(calibratedOne).isEqualTo(plainHalf).isNotEqualTo(plainOne);
        }
    }

    @Test
    void aBatchIsReproducibleAndItsVariationsDiffer() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        GenerationSettings settings = new GenerationSettings(1.5, 0.9, 8, 0.95, 7);
        try (Generator g = Generator.open(model, org.sda.engine.inference.InferenceDevice.CPU, 2)) {
            List<AudioBuffer> batch = g.generate(settings, 3, Generator.Listener.NONE);
            List<AudioBuffer> again = g.generate(settings, 3, Generator.Listener.NONE);
            assertThat(batch).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(again.get(i).samples()).isEqualTo(batch.get(i).samples());
            }
            assertThat(batch.get(1).samples()).isNotEqualTo(batch.get(0).samples());
            // The toy prior's logits are a table lookup, exact in any batch: here a batch's
            // variation is exactly the single sound of its seed.
            AudioBuffer second = g.generate(settings.withSeed(settings.seedOf(1)), Generator.Listener.NONE);
            assertThat(second.samples()).isEqualTo(batch.get(1).samples());
            // More than one group of the prior: 20 variations, two batches of 10.
            List<AudioBuffer> many = g.generate(settings.withSeconds(0.3), 20, Generator.Listener.NONE);
            assertThat(many).hasSize(20);
            assertThat(many.get(19).samples()).isEqualTo(
                    g.generate(settings.withSeconds(0.3).withSeed(settings.seedOf(19)), Generator.Listener.NONE)
                            .samples());
        }
    }

    @Test
    void aLongSoundCrossesManyWindowsAndChunksAndHasTheAskedLengthAndLevel() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        try (Generator g = Generator.open(model)) {
            g.setOneShots(false); // the toy set's sounds are short; here the whole length is wanted
            // The toy model runs at 22.05 kHz with hop 128 and downsample 2: 10 s is 862 code frames,
            // 7 chunks and about 80 windows of the 12-frame context.
            Generator.Generated out = g.generateOne(new GenerationSettings(10.0, 1.0, 0, 1.0, 1), 0,
                    Generator.Listener.NONE, g.decoder());
            assertThat(out.audio().frameCount()).isEqualTo(220_500);
            assertThat(out.audio().sampleRate()).isEqualTo(22_050);
            assertThat(out.joinSamples()).hasSize(6);
            assertThat(out.codes()).hasDimensions(3, g.framesFor(10.0));
            assertThat(out.steps()).isEqualTo(3L * g.framesFor(10.0)); // one run per token, prompts in one run each
            assertThat(Loudness.peakDbfs(out.audio())).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(0.01));
            for (float v : out.audio().samples()) {
                assertThat(v).isFinite();
            }
            for (long[] level : out.codes()) {
                for (long c : level) {
                    assertThat(c).isBetween(0L, 15L); // never the start token (16)
                }
            }
        }
    }

    @Test
    void theDelayOrderFeedsItsPaddingAndGivesWholeGrids() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("delay.sda"), SdaManifest.Prior.DELAY);
        try (PriorRuntime prior = PriorRuntime.open(model, 1)) {
            TokenLayout layout = prior.layout();
            assertThat(layout.order()).isEqualTo(TokenLayout.Order.DELAY);
            int frames = 100; // about 8 windows of the 12-frame context
            List<Integer> ready = new java.util.ArrayList<>();
            CodeGenerator.Result r = new CodeGenerator(prior).generate(frames, new TokenSampler(1.0, 0, 1.0, 3),
                    (done, tokens) -> ready.add(done));
            int levels = layout.levels();
            assertThat(r.tokens()).hasSize((frames + levels - 1) * levels);
            assertThat(r.steps()).isEqualTo(r.tokens().length); // one run per token, prompts in one run each
            assertThat(r.windows()).isGreaterThan(7);
            // The delayed levels start with padding, fed as start tokens, never sampled elsewhere
            // before the last code frame of each level.
            for (int s = 0; s < frames + levels - 1; s++) {
                for (int l = 0; l < levels; l++) {
                    int token = r.tokens()[s * levels + l];
                    if (s < l) {
                        assertThat(token).isEqualTo(layout.startToken());
                    } else {
                        assertThat(token).isBetween(0, layout.codebookSize() - 1);
                    }
                }
            }
            assertThat(ready).first().isEqualTo(1);
            assertThat(ready).last().isEqualTo(frames);
            assertThat(ready).isSorted().doesNotHaveDuplicates();
            long[][] codes = layout.grid(r.tokens(), 0, frames);
            assertThat(codes[2][0]).isEqualTo(r.tokens()[2 * levels + 2]);
            assertThat(codes[1][frames - 1]).isEqualTo(r.tokens()[frames * levels + 1]);
            int[] plain = new CodeGenerator(prior).generateWithoutCache(frames, new TokenSampler(1.0, 0, 1.0, 3))
                    .tokens();
            assertThat(plain).isEqualTo(r.tokens());
        }
        try (Generator g = Generator.open(model)) {
            g.setOneShots(false);
            Generator.Generated out = g.generateOne(new GenerationSettings(3.0, 1.0, 0, 1.0, 1), 0,
                    Generator.Listener.NONE, g.decoder());
            assertThat(out.audio().frameCount()).isEqualTo(66_150);
            assertThat(out.codes()).hasDimensions(3, g.framesFor(3.0));
            assertThat(out.steps()).isEqualTo(3L * (g.framesFor(3.0) + 2));
        }
    }

    @Test
    void aPriorInAnUnknownTokenOrderIsRefusedByName() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("odd.sda"), "interleaved");
        assertThatThrownBy(() -> PriorRuntime.open(model, 1)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("odd.sda").hasMessageContaining("\"interleaved\"")
                .hasMessageContaining("\"delay\"");
    }

    @Test
    void aModelWithoutAPriorSaysHowToTrainOne() throws Exception {
        SdaModel model = ToyPrior.withoutPrior(dir.resolve("plain.sda"));
        assertThatThrownBy(() -> Generator.open(model)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("plain.sda").hasMessageContaining("has no prior")
                .hasMessageContaining("sda train-prior");
    }

    @Test
    void withoutTheCacheTheSameTokensComeOut() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        try (PriorRuntime prior = PriorRuntime.open(model, 1)) {
            CodeGenerator generator = new CodeGenerator(prior);
            int[] cached = generator.generate(40, new TokenSampler(1.0, 0, 1.0, 9), CodeGenerator.FrameListener.NONE)
                    .tokens();
            int[] plain = generator.generateWithoutCache(40, new TokenSampler(1.0, 0, 1.0, 9)).tokens();
            assertThat(plain).isEqualTo(cached);
        }
    }

    @Test
    void aSetOfOneShotsGivesSoundsThePriorEndsOrFadesAtTheAskedLength() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        // The toy manifest says 7 sounds in 12.5 s: 1.8 s on average, a set of one-shots.
        assertThat(Generator.meanSoundSeconds(model.manifest())).isCloseTo(12.5 / 7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Generator.isOneShotSet(model.manifest())).isTrue();
        assertThat(Generator.defaultSeconds(model.manifest())).isCloseTo(12.5 / 7, org.assertj.core.data.Offset.offset(1e-9));
        try (Generator g = Generator.open(model)) {
            assertThat(g.oneShots()).isTrue();
            // The toy decoder's codes all lie within 2 dB: under the decay guide none would ever have
            // decayed enough to end (DecayGuideTest), so this looks at the prior's own ends.
            g.setDecay(0);
            int full = (int) Math.round(3.0 * g.sampleRate());
            int ended = 0;
            for (long seed = 0; seed < 12; seed++) {
                Generator.Generated out = g.generateOne(new GenerationSettings(3.0, 1.0, 0, 1.0, seed), 0,
                        Generator.Listener.NONE, g.decoder());
                float[] x = out.audio().samples();
                assertThat(x.length).isLessThanOrEqualTo(full)
                        .isGreaterThanOrEqualTo((int) (0.25 * g.framesFor(3.0)) * g.decoder().samplesPerFrame() - 1);
                // Ended by the prior or cut at the asked length, it dies away to silence.
                assertThat(Math.abs(x[x.length - 1])).isLessThan(1e-3f);
                assertThat(out.codes()[0].length * g.decoder().samplesPerFrame()).isGreaterThanOrEqualTo(x.length);
                if (x.length < full) {
                    ended++;
                }
            }
            // The toy prior's start-of-sound token is as likely as any code: most sounds end early.
            assertThat(ended).isGreaterThan(6);
            g.setOneShots(false);
            assertThat(g.generateOne(new GenerationSettings(3.0, 1.0, 0, 1.0, 0), 0, Generator.Listener.NONE,
                    g.decoder()).audio().frameCount()).isEqualTo(full);
        }
    }

    /**
     * A batch whose every sound the prior has ended stops sampling a few frames past the latest
     * end, and says where each ended as it happens.
     */
    @Test
    void aBatchStopsOnceEverySoundHasEnded() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("toy.sda"));
        try (PriorRuntime prior = PriorRuntime.open(model, 1)) {
            int levels = prior.layout().levels();
            int frames = 400; // the toy prior's start token is as likely as any code: all 4 end long before
            TokenSampler[] samplers = new TokenSampler[4];
            for (int i = 0; i < samplers.length; i++) {
                samplers[i] = new TokenSampler(1.0, 0, 1.0, 20 + i);
            }
            int[] told = new int[samplers.length];
            java.util.Arrays.fill(told, -1);
            int[] lastReady = {0};
            CodeGenerator.Result[] results = new CodeGenerator(prior, 2).generateBatch(frames, samplers,
                    new CodeGenerator.BatchListener() {
                        @Override
                        public void framesReady(int sequence, int ready, int[] tokens) {
                            lastReady[0] = Math.max(lastReady[0], ready);
                        }

                        @Override
                        public void ended(int sequence, int endFrame) {
                            assertThat(told[sequence]).isEqualTo(-1);
                            assertThat(lastReady[0]).isLessThanOrEqualTo(endFrame);
                            told[sequence] = endFrame;
                        }
                    });
            int latest = 0;
            for (int b = 0; b < results.length; b++) {
                assertThat(results[b].ended()).isTrue();
                assertThat(told[b]).isEqualTo(results[b].endFrame());
                latest = Math.max(latest, results[b].endFrame());
            }
            int stop = latest + CodeGenerator.FRAMES_PAST_END;
            assertThat(stop).isLessThan(frames / 2);
            assertThat(lastReady[0]).isEqualTo(stop);
            assertThat(results[0].steps()).isLessThan((long) frames * levels / 2);
            int[] tokens = results[0].tokens();
            for (int i = (stop + 1) * levels; i < tokens.length; i++) {
                assertThat(tokens[i]).as("token %d, never sampled", i).isZero();
            }
        }
    }

    @Test
    void fadeOutReachesSilenceAndLeavesTheRestAlone() {
        float[] x = new float[100];
        java.util.Arrays.fill(x, 1f);
        Generator.fadeOut(x, 40);
        assertThat(x[59]).isEqualTo(1f);
        assertThat(x[60]).isGreaterThan(0.99f);
        assertThat(x[99]).isLessThan(0.01f);
        for (int i = 61; i < 100; i++) {
            assertThat(x[i]).isLessThan(x[i - 1]);
        }
    }
}
