package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Loudness;
import org.sda.engine.inference.ToyModel;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

class ModelCommandsTest {

    @TempDir
    Path dir;


    private Path model() throws Exception {
        return ToyModel.standard().write(dir.resolve("toy.sda"));
    }

    private Path tone(String name, double seconds, int rate) throws Exception {
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 330 * i / rate));
        }
        Path file = dir.resolve(name);
        AudioFiles.write(file, AudioBuffer.mono(x, rate), AudioEncoding.WAV_PCM16);
        return file;
    }

    // ---- sda model info ----

    @Test
    void infoShowsTheManifestInWords() throws Exception {
        Path model = model();
        CliRun run = CliRun.sda("model", "info", model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("toy", "toy.sda", "2026-01-02T03:04:05Z",
                "22050 Hz mono, FFT 512, hop 128, 40 mel bands",
                "3 levels x 16 codes, 8 dimensions, 2 STFT frames per code, decoder outputs linear magnitude"
                        + " (conv decoder)",
                "0 Structure, 1 Timbre, 2 Detail",
                "7 files, 12.5 s, size class tiny",
                "40 epochs, 800 steps, 1.5 min, seed 7, stopped: epoch limit",
                "train loss 0.5200, validation loss 0.6100",
                "Health        Some codes underused",
                "Prior         none",
                "encoder.onnx", "quantizer.onnx", "decoder.onnx", "codebooks.bin", "manifest.json",
                "sha256:");
        assertThat(run.out().lines().filter(l -> l.contains("Structure") && l.contains("Healthy"))).hasSize(1);
        assertThat(run.out().lines().filter(l -> l.contains("Timbre") && l.contains("25%")
                && l.contains("Some codes underused"))).hasSize(1);
    }

    @Test
    void infoJsonIsOneDocumentWithManifestHealthAndEntries() throws Exception {
        Path model = model();
        CliRun run = CliRun.sda("model", "info", "--json", model.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("file").asText()).isEqualTo(model.toString());
        assertThat(root.get("contentHash").asText()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(root.get("manifest").get("name").asText()).isEqualTo("toy");
        assertThat(root.get("manifest").get("vq").get("levelLabels").get(1).asText()).isEqualTo("Timbre");
        assertThat(root.get("health").get("verdict").asText()).isEqualTo("Some codes underused");
        assertThat(root.get("health").get("levels").get(0).get("verdict").asText()).isEqualTo("Healthy");
        assertThat(root.get("hasPrior").asBoolean()).isFalse();
        assertThat(root.get("entries").get("codebooks.bin").asLong()).isEqualTo(3 * 16 * 8 * 4);
        assertThat(root.get("sizeBytes").asLong()).isEqualTo(Files.size(model));
    }

    @Test
    void infoOnAMissingOrCorruptModelSaysWhatIsWrong() throws Exception {
        CliRun missing = CliRun.sda("model", "info", dir.resolve("nope.sda").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.sda", "does not exist");

        Path corrupt = dir.resolve("corrupt.sda");
        byte[] bytes = Files.readAllBytes(model());
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 2));
        CliRun cut = CliRun.sda("model", "info", corrupt.toString());
        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(cut.err()).contains("corrupt.sda", "cut short");
        assertThat(cut.out()).isEmpty();
    }

    // ---- sda reconstruct ----

    // ---- sda model memorise ----

    @Test
    void memoriseKeepsTheSoundsDetailInfoShowsItAndForgetRemovesIt() throws Exception {
        Path model = model();
        Path sounds = Files.createDirectory(dir.resolve("sounds"));
        Files.move(tone("a.wav", 1.0, 22050), sounds.resolve("a.wav"));
        Files.move(tone("b.wav", 0.8, 44100), sounds.resolve("b.wav"));

        CliRun memorise = CliRun.sda("model", "memorise", model.toString(), sounds.toString());
        assertThat(memorise.exitCode()).as(memorise.err()).isZero();
        assertThat(memorise.out()).contains("toy.sda: kept the detail of", "code frames of 2 sounds");
        assertThat(SdaModelFile.read(model).optionalEntry(SdaModel.DETAIL_MEMORY)).isPresent();
        CliRun info = CliRun.sda("model", "info", model.toString());
        assertThat(info.out()).contains("Detail        kept for", "sda model memorise --forget", "detail-memory.bin");

        CliRun forget = CliRun.sda("model", "memorise", "--forget", model.toString());
        assertThat(forget.exitCode()).as(forget.err()).isZero();
        assertThat(forget.out()).contains("the detail memory is removed");
        assertThat(SdaModelFile.read(model).optionalEntry(SdaModel.DETAIL_MEMORY)).isEmpty();
        assertThat(CliRun.sda("model", "info", model.toString()).out()).contains("Detail        none");
    }

    @Test
    void memoriseWithoutUsableSoundsSaysSoAndLeavesTheModelAsItWas() throws Exception {
        Path model = model();
        byte[] before = Files.readAllBytes(model);
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun run = CliRun.sda("model", "memorise", model.toString(), empty.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("sda model memorise: no usable sounds in");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void reconstructWritesAFiniteAudibleWavOfTheInputsLength() throws Exception {
        Path model = model();
        Path in = tone("in.wav", 0.6, 22050);
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.sda("reconstruct", "-m", model.toString(), in.toString(), "-o", out.toString(), "--iterations", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("out.wav", "0.60 s at 22050 Hz", "3 levels", "on cpu");
        AudioBuffer audio = AudioFiles.read(out);
        assertThat(audio.sampleRate()).isEqualTo(22050);
        assertThat(audio.channelCount()).isEqualTo(1);
        assertThat(audio.frameCount()).isEqualTo((int) (0.6 * 22050));
        double peak = Loudness.peakDbfs(audio);
        assertThat(peak).isFinite().isGreaterThan(-60).isLessThanOrEqualTo(-0.9);
    }

    @Test
    void reconstructResamplesToTheModelRate() throws Exception {
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.sda("reconstruct", "-m", model().toString(), tone("in.wav", 0.3, 44100).toString(),
                "-o", out.toString(), "--iterations", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(AudioFiles.read(out).sampleRate()).isEqualTo(22050);
    }

    @Test
    void reconstructOnCudaFallsBackAndSaysSo() throws Exception {
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.sda("reconstruct", "-m", model().toString(), tone("in.wav", 0.2, 22050).toString(),
                "-o", out.toString(), "--iterations", "1", "--device", "cuda");
        assertThat(run.exitCode()).as(run.err()).isZero();
        if (org.sda.engine.inference.VqVaeRuntime.cudaUnavailableReason().isPresent()) {
            assertThat(run.err()).contains("CUDA was requested but", "running on the CPU");
            assertThat(run.out()).contains("on cpu");
        }
    }

    @Test
    void reconstructWithAMissingModelNamesIt() throws Exception {
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.sda("reconstruct", "-m", dir.resolve("gone.sda").toString(), tone("in.wav", 0.2, 22050).toString(),
                "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("gone.sda", "does not exist");
        assertThat(out).doesNotExist();
    }

    @Test
    void reconstructWithACorruptModelNamesIt() throws Exception {
        Path bad = dir.resolve("bad.sda");
        Files.writeString(bad, "not a model");
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.sda("reconstruct", "-m", bad.toString(), tone("in.wav", 0.2, 22050).toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("bad.sda", "not a model file");
        assertThat(out).doesNotExist();
    }

    @Test
    void reconstructWithUnreadableInputNamesIt() throws Exception {
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "these are not sounds");
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.sda("reconstruct", "-m", model().toString(), text.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("notes.wav");
        assertThat(out).doesNotExist();

        CliRun missing = CliRun.sda("reconstruct", "-m", model().toString(), dir.resolve("absent.flac").toString(),
                "-o", out.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("absent.flac", "does not exist");
    }

    @Test
    void reconstructRefusesAnUnknownOutputExtensionBeforeWorking() throws Exception {
        CliRun run = CliRun.sda("reconstruct", "-m", model().toString(), tone("in.wav", 0.2, 22050).toString(),
                "-o", dir.resolve("out.xyz").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("out.xyz", "unknown audio file extension");
    }

    @Test
    void reconstructNeedsAModelAndAnOutput() {
        CliRun run = CliRun.sda("reconstruct", "in.wav");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--model", "--output");
    }
}
