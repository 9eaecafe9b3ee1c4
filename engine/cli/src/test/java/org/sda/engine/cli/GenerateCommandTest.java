package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.analysis.Descriptors;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.dsp.StftConfig;
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
        Path repoSounds = Path.of("..", "..", "installers", "demo-sounds");
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

    /** The built-in demo model: trained with its prior and its control axes. */
    private static final Path DEMO_MODEL = Path.of("..", "..", "installers", "demo-model", "demo.sda");

    @Test
    void anAxisOffsetMovesTheGeneratedSoundAlongItsLabel() throws Exception {
        String[] common = {"generate", "-m", DEMO_MODEL.toString(), "--duration", "3", "--seed", "4"};
        CliRun plain = CliRun.sda(concat(common, "-o", dir.resolve("plain").toString()));
        CliRun darker = CliRun.sda(concat(common, "-o", dir.resolve("dark").toString(), "--axis", "brightness=-5"));
        CliRun brighter = CliRun.sda(concat(common, "-o", dir.resolve("bright").toString(), "--axis", "Brightness=12"));
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(darker.exitCode()).as(darker.err()).isZero();
        assertThat(brighter.exitCode()).as(brighter.err()).isZero();

        double dark = brightness(dir.resolve("dark").resolve("demo-4-01.wav"));
        double middle = brightness(dir.resolve("plain").resolve("demo-4-01.wav"));
        double bright = brightness(dir.resolve("bright").resolve("demo-4-01.wav"));
        assertThat(dark).isLessThan(middle);
        assertThat(middle).isLessThan(bright);
    }

    @Test
    void anAxisTheModelLacksOrAnOffsetBeyondItsRangeIsRefusedByName() throws Exception {
        CliRun unknown = CliRun.sda("generate", "-m", DEMO_MODEL.toString(), "-o", dir.resolve("u").toString(),
                "--axis", "wobble=1");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("demo.sda").contains("no axis 'wobble'").contains("brightness");
        CliRun far = CliRun.sda("generate", "-m", DEMO_MODEL.toString(), "-o", dir.resolve("f").toString(),
                "--axis", "loudness=500");
        assertThat(far.exitCode()).isEqualTo(1);
        assertThat(far.err()).contains("loudness").contains("beyond the axis's range");
        assertThat(dir.resolve("u")).doesNotExist();
        CliRun malformed = CliRun.sda("generate", "-m", DEMO_MODEL.toString(), "-o", dir.resolve("m").toString(),
                "--axis", "loudness");
        assertThat(malformed.exitCode()).isEqualTo(2);
    }

    private static double brightness(Path wav) throws Exception {
        AudioBuffer audio = AudioFiles.read(wav);
        Descriptors descriptors = new Descriptors(audio.sampleRate(), StftConfig.defaults(), 2);
        return descriptors.means(audio.samples())[Descriptors.Kind.BRIGHTNESS.ordinal()];
    }

    private static String[] concat(String[] head, String... tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
