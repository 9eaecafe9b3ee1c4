package org.sda.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.Loudness;
import org.sda.engine.audio.Resampler;
import org.sda.engine.model.SdaManifest;

class ReconstructorTest {

    @TempDir
    Path dir;

    static AudioBuffer tone(double seconds, int rate, int channels) {
        float[][] x = new float[channels][(int) Math.round(seconds * rate)];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < x[c].length; i++) {
                x[c][i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * (c + 1) * i / rate));
            }
        }
        return new AudioBuffer(x, rate);
    }

    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * (double) v;
        }
        return Math.sqrt(sum / x.length);
    }

    private static void assertAudible(AudioBuffer audio) {
        for (float v : audio.samples()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        assertThat(rms(audio.samples())).isGreaterThan(1e-4);
        assertThat(Loudness.peakDbfs(audio)).isLessThanOrEqualTo(Reconstructor.PEAK_CEILING_DBFS + 1e-3);
    }

    @Test
    void aToneAtTheModelRateComesBackAsLongFiniteAndAudible() throws Exception {
        ToyModel toy = ToyModel.standard();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            List<Reconstructor.Stage> stages = new ArrayList<>();
            Reconstructor reconstructor = new Reconstructor(runtime, 4);
            AudioBuffer input = tone(0.5, 22050, 1);
            Reconstructor.Result result = reconstructor.reconstruct(input, stages::add);

            assertThat(result.audio().sampleRate()).isEqualTo(22050);
            assertThat(result.audio().channelCount()).isEqualTo(1);
            assertThat(result.audio().frameCount()).isEqualTo(input.frameCount());
            assertAudible(result.audio());
            assertThat(result.gainDb()).isLessThanOrEqualTo(0);
            int frames = 1 + input.frameCount() / 128;
            assertThat(result.codes()).hasNumberOfRows(3);
            assertThat(result.codes()[0]).hasSize(runtime.latentFrames(frames));
            assertThat(stages).containsExactly(Reconstructor.Stage.FEATURES, Reconstructor.Stage.ENCODE,
                    Reconstructor.Stage.QUANTIZE, Reconstructor.Stage.DECODE, Reconstructor.Stage.PHASE);
            assertThat(reconstructor.stageCount()).isEqualTo(stages.size());
        }
    }

    @Test
    void stereoAtAnotherRateIsMixedDownAndResampled() throws Exception {
        ToyModel toy = ToyModel.standard();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            AudioBuffer input = tone(0.3, 44100, 2);
            Reconstructor.Result result = new Reconstructor(runtime, 2).reconstruct(input, Reconstructor.Listener.NONE);
            assertThat(result.audio().sampleRate()).isEqualTo(22050);
            assertThat((long) result.audio().frameCount())
                    .isEqualTo(Resampler.outputFrames(input.frameCount(), 44100, 22050));
            assertAudible(result.audio());
        }
    }

    @Test
    void aMelDecoderGoesThroughMelInversion() throws Exception {
        ToyModel toy = new ToyModel(ToyModel.manifest(2, 16, 8, 4, SdaManifest.Vq.MEL), 3);
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            List<Reconstructor.Stage> stages = new ArrayList<>();
            AudioBuffer input = tone(0.25, 22050, 1);
            Reconstructor.Result result = new Reconstructor(runtime, 2).reconstruct(input, stages::add);
            assertThat(stages).contains(Reconstructor.Stage.INVERT_MEL);
            assertThat(result.audio().frameCount()).isEqualTo(input.frameCount());
            assertAudible(result.audio());
        }
    }

    @Test
    void silenceInIsNotMadeLoud() throws Exception {
        ToyModel toy = ToyModel.standard();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            AudioBuffer silence = AudioBuffer.mono(new float[5000], 22050);
            Reconstructor.Result result = new Reconstructor(runtime, 2).reconstruct(silence, Reconstructor.Listener.NONE);
            assertThat(result.audio().frameCount()).isEqualTo(5000);
            assertThat(Loudness.peakDbfs(result.audio())).isLessThanOrEqualTo(Reconstructor.PEAK_CEILING_DBFS + 1e-3);
        }
    }

    @Test
    void anEmptyBufferIsRefused() throws Exception {
        try (VqVaeRuntime runtime = VqVaeRuntime.open(ToyModel.standard().model(dir.resolve("m.sda")))) {
            assertThatThrownBy(() -> new Reconstructor(runtime).reconstruct(AudioBuffer.mono(new float[0], 22050),
                    Reconstructor.Listener.NONE)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
