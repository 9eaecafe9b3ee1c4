package org.sda.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.generate.GenerationSettings;
import org.sda.engine.generate.Generator;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.trainer.TestAudio;

/** The whole path on generated audio: RVQ-VAE, then its prior, then generation in the engine. */
class PriorMainTest {

    private static final String[] SMALL_VQ = {"--no-cache", "--hidden", "16", "--code-dim", "8", "--codebook-size",
        "16", "--batch-size", "4", "--crop-frames", "32", "--seed", "3", "--max-steps", "3"};

    @Test
    void sdaTrainTrainsThePriorTooAndTheModelGenerates(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("tiny.sda");
        StringWriter out = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of(data.toString(), "-o", model.toString(),
                "--progress", "json"));
        args.addAll(List.of(SMALL_VQ));
        TrainerMain.TrainResult result = TrainerMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                args.toArray(new String[0]));

        assertThat(result.exitCode()).as(out.toString()).isZero();
        assertThat(out.toString()).contains("\"stage\":\"prior\"").contains("\"copyRate\"");
        SdaModel read = SdaModelFile.read(model);
        SdaManifest.Prior prior = read.manifest().prior();
        assertThat(read.hasPrior()).isTrue();
        assertThat(prior.architecture()).as("the default for up to 20 sounds").isEqualTo(SdaManifest.Prior.GRU);
        assertThat(prior.tokenOrder()).isEqualTo(SdaManifest.Prior.FLAT);
        assertThat(prior.tokensPerLevel()).isEqualTo(17);
        assertThat(prior.training().steps()).isEqualTo(3);
        assertThat(prior.training().copyRate()).isBetween(0.0, 1.0);
        assertThat(read.manifest().dataset().sources()).containsExactly(data.toAbsolutePath().normalize().toString());

        try (Generator g = Generator.open(read)) {
            // The toy sounds are one-shots, which the prior may end early; here the whole second is asked for.
            g.setOneShots(false);
            GenerationSettings settings = new GenerationSettings(1.0, 1.0, 0, 1.0, 5);
            AudioBuffer a = g.generate(settings, Generator.Listener.NONE);
            AudioBuffer b = g.generate(settings, Generator.Listener.NONE);
            assertThat(a.frameCount()).isEqualTo(44_100);
            assertThat(b.samples()).isEqualTo(a.samples());
        }
    }

    @Test
    void trainPriorAddsAPriorAndLeavesTheRvqVaeUntouched(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("tiny.sda");
        PrintWriter quiet = new PrintWriter(new StringWriter());
        List<String> args = new java.util.ArrayList<>(List.of(data.toString(), "-o", model.toString(), "--no-prior"));
        args.addAll(List.of(SMALL_VQ));
        assertThat(TrainerMain.run(quiet, quiet, args.toArray(new String[0])).exitCode()).isZero();
        SdaModel before = SdaModelFile.read(model);
        assertThat(before.hasPrior()).isFalse();

        Path copy = dir.resolve("with-transformer.sda");
        StringWriter out = new StringWriter();
        PriorMain.PriorResult r = PriorMain.run(new PrintWriter(out), quiet, model.toString(), "-o", copy.toString(),
                "--architecture", "transformer", "--token-order", "delay", "--max-steps", "2", "--no-cache",
                "--no-temperature-calibration");
        assertThat(r.exitCode()).as(out.toString()).isZero();
        assertThat(out.toString()).contains("prior done").contains("wrote " + copy);
        SdaModel after = SdaModelFile.read(copy);
        assertThat(after.manifest().prior().architecture()).isEqualTo(SdaManifest.Prior.TRANSFORMER);
        assertThat(after.manifest().prior().sampling()).as("no calibration asked for").isNull();
        assertThat(after.manifest().prior().heads()).isEqualTo(4);
        assertThat(after.manifest().prior().tokenOrder()).isEqualTo(SdaManifest.Prior.DELAY);
        assertThat(out.toString()).contains("delay order");
        try (Generator g = Generator.open(after)) {
            g.setOneShots(false);
            AudioBuffer a = g.generate(new GenerationSettings(0.5, 1.0, 0, 1.0, 5), Generator.Listener.NONE);
            assertThat(a.frameCount()).isEqualTo(22_050);
        }
        for (String entry : List.of(SdaModel.ENCODER, SdaModel.QUANTIZER, SdaModel.DECODER, SdaModel.CODEBOOKS)) {
            assertThat(after.entry(entry)).as(entry).isEqualTo(before.entry(entry));
        }
        assertThat(after.manifest().training()).isEqualTo(before.manifest().training());
        assertThat(SdaModelFile.read(model).hasPrior()).as("the input model is not changed with -o").isFalse();
    }

    @Test
    void aModelThatDoesNotRecordItsSoundsAsksForThem(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("tiny.sda");
        PrintWriter quiet = new PrintWriter(new StringWriter());
        List<String> args = new java.util.ArrayList<>(List.of(data.toString(), "-o", model.toString(), "--no-prior",
                "--no-record-sources"));
        args.addAll(List.of(SMALL_VQ));
        assertThat(TrainerMain.run(quiet, quiet, args.toArray(new String[0])).exitCode()).isZero();
        StringWriter out = new StringWriter();
        PriorMain.PriorResult r = PriorMain.run(new PrintWriter(out), quiet, model.toString(), "--max-steps", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        StringWriter odd = new StringWriter();
        assertThat(PriorMain.run(quiet, new PrintWriter(odd), model.toString(), "--data", data.toString(),
                "--token-order", "interleaved").exitCode()).as("a usage error").isEqualTo(2);
        assertThat(odd.toString()).contains("--token-order").contains("interleaved").containsIgnoringCase("flat")
                .containsIgnoringCase("delay");
        assertThat(out.toString()).contains("does not record where its sounds are").contains("--data");
    }
}
