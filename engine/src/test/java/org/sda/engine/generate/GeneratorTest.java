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
}
