package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.model.SdaModel;

class PrefillCommandTest {

    @TempDir
    Path dir;

    private static long variations(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".f32")).count();
        }
    }

    @Test
    void writesTheFirstVariationsBesideTheModel() throws Exception {
        SdaModel model = ToyPrior.model(dir.resolve("demo.sda"));
        CliRun run = CliRun.sda("prefill", model.file().toString(), "--count", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 variations of seed 0 for demo.sda in");
        assertThat(variations(dir.resolve("demo.sda.variations"))).isEqualTo(3);
        // Again: nothing to add.
        assertThat(CliRun.sda("prefill", model.file().toString(), "--count", "3").exitCode()).isZero();
        assertThat(variations(dir.resolve("demo.sda.variations"))).isEqualTo(3);
    }

    @Test
    void aModelWithoutAPriorSaysHowToTrainOne() throws Exception {
        SdaModel model = ToyPrior.withoutPrior(dir.resolve("plain.sda"));
        CliRun run = CliRun.sda("prefill", model.file().toString(), "-o", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("has no prior").contains("sda train-prior");
    }

    @Test
    void aMissingModelIsNamed() {
        CliRun run = CliRun.sda("prefill", dir.resolve("nothing.sda").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nothing.sda");
    }
}
