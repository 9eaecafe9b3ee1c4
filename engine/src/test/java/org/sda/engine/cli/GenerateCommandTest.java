package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.inference.ToyPrior;

class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheAskedVariationsAndTheSameSeedWritesTheSameBytes() throws Exception {
        Path model = dir.resolve("toy.sda");
        ToyPrior.model(model);
        CliRun first = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("a").toString(), "--count", "2",
                "--duration", "1.5", "--seed", "9", "--top-k", "8");
        CliRun again = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("b").toString(), "--count", "2",
                "--duration", "1.5", "--seed", "9", "--top-k", "8", "--format", "flac");
        CliRun third = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("c").toString(), "--count", "2",
                "--duration", "1.5", "--seed", "9", "--top-k", "8");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 sounds of 1.5 s (seed 9").contains("toy-9-01.wav").contains("toy-9-02.wav");
        Path wav = dir.resolve("a").resolve("toy-9-01.wav");
        assertThat(AudioFiles.read(wav).frameCount()).isEqualTo(33_075);
        assertThat(Files.readAllBytes(dir.resolve("c").resolve("toy-9-02.wav")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve("toy-9-02.wav")));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(dir.resolve("b").resolve("toy-9-01.flac")).isRegularFile();
    }

    @Test
    void aModelWithoutAPriorGetsAClearMessage() throws Exception {
        Path model = dir.resolve("plain.sda");
        ToyPrior.withoutPrior(model);
        CliRun run = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("plain.sda").contains("has no prior").contains("sda train-prior");
    }

    @Test
    void badSettingsAreUsageErrors() throws Exception {
        Path model = dir.resolve("toy.sda");
        ToyPrior.model(model);
        CliRun run = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("out").toString(), "--top-p", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("top-p");
    }

    @Test
    void theDemoImportsTheDemoSoundsAndGeneratesWithTheDemoModel() throws Exception {
        Path home = dir.resolve("home");
        Path sounds = Files.createDirectories(home.resolve("installers").resolve("demo-sounds"));
        Path repoSounds = Path.of("..", "installers", "demo-sounds");
        try (var files = Files.list(repoSounds)) {
            for (Path f : files.sorted().limit(2).toList()) {
                Files.copy(f, sounds.resolve(f.getFileName()));
            }
        }
        ToyPrior.model(Files.createDirectories(home.resolve("installers").resolve("demo-model")).resolve("demo.sda"));
        String old = System.getProperty("sda.home");
        System.setProperty("sda.home", home.toString());
        try {
            Path out = dir.resolve("demo-out");
            CliRun run = CliRun.sda("demo", "-o", out.toString(), "--count", "2", "--duration", "1");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1. Import").contains("2. Model: the built-in demo model")
                    .contains("3. Generate").contains(out.toAbsolutePath().normalize().toString());
            assertThat(out.resolve("demo-1-01.wav")).isRegularFile();
            assertThat(out.resolve("demo-1-02.wav")).isRegularFile();
        } finally {
            if (old == null) {
                System.clearProperty("sda.home");
            } else {
                System.setProperty("sda.home", old);
            }
        }
    }
}
