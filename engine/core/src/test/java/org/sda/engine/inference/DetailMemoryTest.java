package org.sda.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.dsp.ComplexSpectrogram;
import org.sda.engine.dsp.SpectralConvergence;
import org.sda.engine.dsp.Stft;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

class DetailMemoryTest {

    @TempDir
    Path dir;

    /** A chord with a little noise: partials and fluctuation that a random toy decoder cannot give. */
    private static AudioBuffer sound(double f0, long seed) {
        int rate = 22050;
        float[] x = new float[rate / 2];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.2 * Math.sin(2 * Math.PI * 2.5 * f0 * t)
                    + 0.02 * random.nextGaussian());
        }
        return AudioBuffer.mono(x, rate);
    }

    private static float[][] magnitude(float[][] logMagnitude) {
        float[][] out = new float[logMagnitude.length][];
        for (int t = 0; t < out.length; t++) {
            out[t] = new float[logMagnitude[t].length];
            for (int k = 0; k < out[t].length; k++) {
                out[t][k] = (float) Math.exp(logMagnitude[t][k]);
            }
        }
        return out;
    }

    @Test
    void aTrainingSoundDecodesToItsOwnMagnitudeAndANewSoundAsBefore() throws Exception {
        Path file = ToyModel.standard().write(dir.resolve("toy.sda"));
        AudioBuffer trained = sound(220, 1);
        DetailMemory kept = DetailMemory.addTo(SdaModelFile.read(file), file, List.of(trained));

        try (VqVaeRuntime runtime = VqVaeRuntime.open(SdaModelFile.read(file))) {
            assertThat(runtime.detailMemory()).isPresent();
            assertThat(runtime.detailMemory().get().size()).isEqualTo(kept.size()).isPositive();
            Reconstructor reconstructor = new Reconstructor(runtime);
            Stft stft = new Stft(new StftConfig(512, 128));

            Reconstructor.Analysis analysis = reconstructor.analyse(trained, Reconstructor.Listener.NONE);
            float[][] truth = stft.magnitude(reconstructor.levelled(trained, analysis.levellingDb()));
            float[][] plain = magnitude(runtime.decodeCodes(analysis.codes(), analysis.frames(), false));
            float[][] detailed = magnitude(runtime.decodeCodes(analysis.codes(), analysis.frames(), true));
            double plainDb = SpectralConvergence.db(truth, plain);
            double detailedDb = SpectralConvergence.db(truth, detailed);
            assertThat(detailedDb).as("with the memory (without: %.1f dB)", plainDb).isLessThan(-30);
            assertThat(plainDb).isGreaterThan(-10);

            // The whole reconstruction, through Griffin-Lim and back at the input's level, is closer to
            // the sound with the memory.
            float[][] input = stft.magnitude(trained.samples());
            float[] with = reconstructor.reconstruct(trained, Reconstructor.Listener.NONE).audio().samples();
            float[] without = reconstructor.withoutDetailMemory().reconstruct(trained, Reconstructor.Listener.NONE)
                    .audio().samples();
            double withDb = SpectralConvergence.db(input, stft.magnitude(with));
            double withoutDb = SpectralConvergence.db(input, stft.magnitude(without));
            assertThat(withDb).as("with the memory (without: %.1f dB)", withoutDb).isLessThan(withoutDb - 10);

            // Another sound's codes are not the training sound's: it decodes (nearly) as without a memory.
            AudioBuffer other = sound(330, 2);
            Reconstructor.Analysis otherAnalysis = reconstructor.analyse(other, Reconstructor.Listener.NONE);
            float[][] otherDecoded = runtime.decodeCodes(otherAnalysis.codes(), otherAnalysis.frames(), false);
            int found = runtime.detailMemory().get().apply(otherAnalysis.codes(), otherDecoded);
            assertThat(found).isLessThan(otherAnalysis.codes()[0].length / 4);
        }
    }

    @Test
    void aRepeatedContextKeepsToTheOccurrenceItIsIn() {
        int bins = 3;
        // Codes of one level: the context of frames 1-3 (7 7 7) occurs twice, with different detail.
        long[][] codes = {{1, 7, 7, 7, 2, 7, 7, 7, 3}};
        float[][] truth = new float[codes[0].length][bins];
        float[][] decoded = new float[codes[0].length][bins];
        for (int t = 0; t < truth.length; t++) {
            Arrays.fill(truth[t], (float) Math.exp(0.1 * t));
        }
        DetailMemory.Builder builder = new DetailMemory.Builder(1, bins, DetailMemory.DEFAULT_MAX_BYTES);
        assertThat(builder.add(codes, polar(truth), decoded)).isTrue();
        byte[] bytes = builder.build().toBytes();
        DetailMemory memory = DetailMemory.fromBytes(bytes, 1, bins);
        assertThat(memory.toBytes()).as("read and written again").isEqualTo(bytes);

        float[][] out = new float[codes[0].length][bins];
        assertThat(memory.apply(codes, out)).isEqualTo(codes[0].length);
        for (int t = 0; t < out.length; t++) {
            assertThat(out[t][0]).as("frame %d", t).isCloseTo(0.1f * t, org.assertj.core.data.Offset.offset(0.03f));
        }
    }

    @Test
    void theCapStopsKeepingFrames() {
        int bins = 4;
        long[][] codes = {{1, 2, 3, 4, 5, 6, 7, 8}};
        long rowBytes = 2 * bins + Long.BYTES;
        DetailMemory.Builder builder = new DetailMemory.Builder(2, bins, 3 * rowBytes);
        float[][] frames = new float[16][bins];
        assertThat(builder.add(codes, polar(frames), frames)).isFalse();
        assertThat(builder.build().size()).isEqualTo(3);
    }

    @Test
    void aDamagedMemoryIsRefusedWithTheFileAndTheProblem() throws Exception {
        ToyModel toy = ToyModel.standard();
        Path file = toy.write(dir.resolve("toy.sda"));
        DetailMemory memory = DetailMemory.addTo(SdaModelFile.read(file), file, List.of(sound(220, 1)));
        byte[] bytes = memory.toBytes();

        assertThatThrownBy(() -> DetailMemory.fromBytes(Arrays.copyOf(bytes, bytes.length - 1), 2, 257))
                .hasMessageContaining("bytes where");
        assertThatThrownBy(() -> DetailMemory.fromBytes(Arrays.copyOf(bytes, 10), 2, 257))
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> DetailMemory.fromBytes(bytes, 2, 513)).hasMessageContaining("does not fit");
        byte[] wrong = bytes.clone();
        wrong[0] ^= 1;
        assertThatThrownBy(() -> DetailMemory.fromBytes(wrong, 2, 257)).hasMessageContaining("not a detail memory");

        Map<String, byte[]> entries = new LinkedHashMap<>(SdaModelFile.read(file).entries());
        entries.put(SdaModel.DETAIL_MEMORY, Arrays.copyOf(bytes, bytes.length / 2));
        Path damaged = dir.resolve("damaged.sda");
        SdaModelFile.write(damaged, toy.manifest, entries);
        assertThatThrownBy(() -> VqVaeRuntime.open(SdaModelFile.read(damaged)).close())
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("damaged.sda")
                .hasMessageContaining(SdaModel.DETAIL_MEMORY);
    }

    private static ComplexSpectrogram polar(float[][] magnitude) {
        return ComplexSpectrogram.fromPolar(magnitude, new float[magnitude.length][magnitude[0].length]);
    }
}
