package org.sda.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.engine.training.StopReason;
import org.sda.trainer.TestAudio;

class TrainerMainTest {

    // The sampling temperature's calibration is TrainingRunTest's to check; here it would only add minutes.
    private static final String[] SMALL = {"--no-cache", "--hidden", "16", "--code-dim", "8", "--codebook-size", "16",
        "--batch-size", "4", "--crop-frames", "32", "--seed", "3", "--no-sampling-calibration"};

    private static String[] args(Path data, Path model, String... extra) {
        List<String> all = new java.util.ArrayList<>(List.of(data.toString(), "-o", model.toString()));
        all.addAll(List.of(SMALL));
        all.addAll(List.of(extra));
        return all.toArray(new String[0]);
    }

    @Test
    void aTinyRunWritesAReadableModel(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("tiny.sda");
        StringWriter out = new StringWriter();
        TrainerMain.TrainResult result = TrainerMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                args(data, model, "--max-steps", "4", "--progress", "json"));

        assertThat(result.exitCode()).as(out.toString()).isZero();
        assertThat(result.training().steps()).isEqualTo(4);
        SdaModel read = SdaModelFile.read(model);
        SdaManifest m = read.manifest();
        assertThat(m.vq().levels()).isEqualTo(3);
        assertThat(m.vq().codebookSize()).isEqualTo(16);
        assertThat(m.vq().codeDim()).isEqualTo(8);
        assertThat(m.vq().decoderOutput()).isEqualTo(SdaManifest.Vq.LINEAR);
        assertThat(m.vq().decoder()).isEqualTo(SdaManifest.Vq.CONV);
        assertThat(m.vq().levelLabels()).containsExactly("Structure", "Timbre", "Detail");
        assertThat(m.dataset().fileCount()).isEqualTo(6);
        assertThat(m.dataset().contentHashes()).hasSize(6);
        assertThat(m.training().health()).hasSize(3);
        assertThat(read.codebooks()).hasDimensions(3, 16);
        assertThat(m.analysis()).as("the trainer adds the musical controls").isNotNull();
        assertThat(m.analysis().axes()).hasSize(4);
        assertThat(out.toString().lines()).allMatch(l -> l.startsWith("{\"event\":"))
                .anyMatch(l -> l.contains("\"event\":\"done\""));
    }

    @Test
    void aTinyMelRunWritesAReadableMelModel(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("mel.sda");
        StringWriter out = new StringWriter();
        TrainerMain.TrainResult result = TrainerMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                args(data, model, "--max-steps", "4", "--decoder-output", "mel", "--decoder", "convnext", "--evaluate", "1"));

        assertThat(result.exitCode()).as(out.toString()).isZero();
        assertThat(result.evaluation().clips()).isEqualTo(1);
        assertThat(result.evaluation().modelDb()).isFinite();
        SdaModel read = SdaModelFile.read(model);
        assertThat(read.manifest().vq().decoderOutput()).isEqualTo(SdaManifest.Vq.MEL);
        assertThat(read.manifest().vq().decoder()).isEqualTo(SdaManifest.Vq.CONVNEXT);
        assertThat(read.manifest().vq().levels()).isEqualTo(3);
        assertThat(read.codebooks()).hasDimensions(3, 16);
    }

    @Test
    void resumeRefusesAnotherDecoderOutput(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("tiny.sda");
        PrintWriter quiet = new PrintWriter(new StringWriter());
        assertThat(TrainerMain.run(quiet, quiet, args(data, model, "--max-steps", "2", "--decoder-output", "mel"))
                .exitCode()).isZero();

        StringWriter out = new StringWriter();
        TrainerMain.TrainResult second = TrainerMain.run(new PrintWriter(out), quiet,
                args(data, model, "--max-steps", "3", "--resume"));
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(out.toString()).contains("--decoder-output mel");
        assertThat(TrainerMain.run(quiet, quiet,
                args(data, model, "--max-steps", "3", "--resume", "--decoder-output", "mel")).exitCode()).isZero();
    }

    @Test
    void resumeContinuesFromTheSavedStep(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("tiny.sda");
        PrintWriter quiet = new PrintWriter(new StringWriter());
        TrainerMain.TrainResult first = TrainerMain.run(quiet, quiet, args(data, model, "--max-steps", "3"));
        assertThat(first.exitCode()).isZero();
        assertThat(first.training().stoppedBecause()).isEqualTo(StopReason.STEP_LIMIT);
        assertThat(dir.resolve("tiny.sda.ckpt")).exists();

        TrainerMain.TrainResult second = TrainerMain.run(quiet, quiet,
                args(data, model, "--max-steps", "5", "--resume"));
        assertThat(second.exitCode()).isZero();
        assertThat(second.training().startStep()).isEqualTo(3);
        assertThat(second.training().steps()).isEqualTo(5);
        assertThat(SdaModelFile.read(model).manifest().training().steps()).isEqualTo(5);
    }

    @Test
    void humanProgressReportsEpochsHealthAndTheResult(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 5);
        StringWriter out = new StringWriter();
        TrainerMain.TrainResult r = TrainerMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                args(data, dir.resolve("m.sda"), "--epochs", "1", "--rvq-levels", "2", "--evaluate", "2"));
        assertThat(r.exitCode()).as(out.toString()).isZero();
        assertThat(r.training().stoppedBecause()).isEqualTo(StopReason.EPOCH_LIMIT);
        assertThat(r.training().health()).hasSize(2);
        assertThat(r.evaluation().clips()).isEqualTo(2);
        assertThat(SdaModelFile.read(dir.resolve("m.sda")).manifest().vq().levelLabels())
                .containsExactly("Structure", "Detail");
        assertThat(out.toString()).contains("epoch 1").contains("health:").contains("done (epoch limit)")
                .contains("spectral convergence");
    }

    @Test
    void resumeWithoutACheckpointFails(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 5);
        StringWriter out = new StringWriter();
        TrainerMain.TrainResult r = TrainerMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                args(data, dir.resolve("m.sda"), "--resume", "--progress", "json"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(out.toString()).contains("\"event\":\"error\"").contains("nothing to resume");
    }
}
