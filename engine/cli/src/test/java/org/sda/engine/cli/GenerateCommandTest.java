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
                "--duration", "1.5", "--seed", "9", "--top-k", "8", "--whole-length");
        CliRun again = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("b").toString(), "--count", "2",
                "--duration", "1.5", "--seed", "9", "--top-k", "8", "--format", "flac");
        CliRun third = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("c").toString(), "--count", "2",
                "--duration", "1.5", "--seed", "9", "--top-k", "8", "--whole-length");

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
    void aModelOfOneShotsGeneratesSoundsOfAboutItsMeanLengthByDefault() throws Exception {
        Path model = dir.resolve("toy.sda");
        ToyPrior.model(model); // its manifest: 7 sounds, 12.5 s
        CliRun run = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("d").toString(), "--count", "3",
                "--seed", "4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 sounds of up to 1.8 s");
        for (int i = 1; i <= 3; i++) {
            AudioBuffer sound = AudioFiles.read(dir.resolve("d").resolve("toy-4-0" + i + ".wav"));
            assertThat(sound.durationSeconds()).isLessThanOrEqualTo(12.5 / 7 + 1e-3).isGreaterThan(0.2);
        }
    }

    @Test
    void theDecayGuideCanBeTurnedOffAndABadStrengthIsRefused() throws Exception {
        Path model = dir.resolve("toy.sda");
        ToyPrior.model(model);
        CliRun off = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("e").toString(), "--seed", "4",
                "--decay", "0");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(dir.resolve("e").resolve("toy-4-01.wav")).isRegularFile();
        CliRun bad = CliRun.sda("generate", "-m", model.toString(), "-o", dir.resolve("f").toString(), "--decay", "-1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--decay must be between 0 and 100, not -1.0");
        assertThat(dir.resolve("f")).doesNotExist();
    }

    @Test
    void theBenchmarksReportMelDistanceJumpsAndCopiesAndWriteWhatTheyMeasured() throws Exception {
        Path model = dir.resolve("toy.sda");
        ToyPrior.model(model); // 22.05 kHz
        Path set = Files.createDirectories(dir.resolve("set"));
        for (int n = 0; n < 3; n++) {
            float[] x = new float[22_050 * 2];
            for (int i = 0; i < x.length; i++) {
                double t = i / 22_050.0;
                x[i] = (float) (0.4 * Math.sin(2 * Math.PI * (200 + 150 * n) * t * (1 + t)) * Math.exp(-t));
            }
            AudioFiles.write(set.resolve("s" + n + ".wav"), AudioBuffer.mono(x, 22_050));
        }
        CliRun rec = CliRun.sda("bench", "reconstruct", "-m", model.toString(), set.toString(), "--sample-rate",
                "22050", "--no-cache", "--bounds", "--out", dir.resolve("rec").toString());
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.out()).contains("mel model", "mel distance model", "jumps per second: reconstructed training clips",
                "Griffin-Lim 32 (former path)", "speed-up, same run", "what limits the mel distance", "true phase",
                "code-frame mean");
        assertThat(dir.resolve("rec").resolve("s0.original.wav")).isRegularFile();
        assertThat(dir.resolve("rec").resolve("s0.model.wav")).isRegularFile();
        assertThat(dir.resolve("rec").resolve("s0.ceiling.wav")).isRegularFile();

        CliRun gen = CliRun.sda("bench", "generate", "-m", model.toString(), set.toString(), "--sample-rate", "22050",
                "--no-cache", "--count", "2", "--long", "3", "--out", dir.resolve("gen").toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        // The toy set's sounds average 1.8 s: a set of one-shots, generated at that length.
        assertThat(gen.out()).contains("a set of one-shots", "jumps per second", "8-gram copy rate, coarse level",
                "jump ratio", "former path (Griffin-Lim 32)", "after 3 s of untimed ones");
        assertThat(dir.resolve("gen").resolve("gen-00.wav")).isRegularFile();
        assertThat(AudioFiles.read(dir.resolve("gen").resolve("gen-01.wav")).durationSeconds())
                .isLessThanOrEqualTo(12.5 / 7 + 1e-3);
    }

    @Test
    void theBenchmarksNameABadModelFileOrAnEmptySetInsteadOfPrintingAStackTrace() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.sda"));
        Path model = dir.resolve("toy.sda");
        ToyPrior.model(model);
        Path noSounds = Files.createDirectories(dir.resolve("nothing"));
        Path set = Files.createDirectories(dir.resolve("set"));
        float[] tone = new float[22_050];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / 22_050.0));
        }
        AudioFiles.write(set.resolve("s.wav"), AudioBuffer.mono(tone, 22_050));

        CliRun badModel = CliRun.sda("bench", "reconstruct", "-m", empty.toString(), set.toString(), "--no-cache",
                "--sample-rate", "22050");
        assertThat(badModel.exitCode()).isEqualTo(1);
        assertThat(badModel.err()).contains("sda bench reconstruct: ", "empty.sda", "is empty").doesNotContain("\tat ");
        for (String bench : new String[] {"reconstruct", "generate"}) {
            CliRun run = CliRun.sda("bench", bench, "-m", model.toString(), noSounds.toString(), "--no-cache");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("no usable sounds in", "nothing").doesNotContain("\tat ");
        }
    }

    @Test
    void calibrateChoosesTheSamplingFromGeneratedSoundsAndModelInfoShowsIt() throws Exception {
        Path model = dir.resolve("toy.sda");
        ToyPrior.model(model); // 22.05 kHz, no recorded sources
        Path set = Files.createDirectories(dir.resolve("set"));
        for (int n = 0; n < 3; n++) {
            float[] x = new float[22_050];
            for (int i = 0; i < x.length; i++) {
                double t = i / 22_050.0;
                x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (220 + 110 * n) * t) * Math.exp(-3.0 * i / x.length));
            }
            AudioFiles.write(set.resolve("s" + n + ".wav"), AudioBuffer.mono(x, 22_050));
        }
        CliRun noData = CliRun.sda("model", "calibrate", model.toString(), "--no-cache");
        assertThat(noData.exitCode()).isEqualTo(1);
        assertThat(noData.err()).contains("toy.sda").contains("does not record where its sounds are");

        Path out = dir.resolve("calibrated.sda");
        CliRun run = CliRun.sda("model", "calibrate", model.toString(), set.toString(), "--no-cache", "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("at 1.00, continuity 0: jumps").contains("temperature 1 now samples at");
        org.sda.engine.model.SdaManifest.Sampling sampling =
                org.sda.engine.model.SdaModelFile.read(out).manifest().prior().sampling();
        assertThat(sampling.measured()).isNotEmpty();
        assertThat(sampling.measured().get(0).temperature()).isEqualTo(1.0);
        // The source model is left as it was; the copy's networks are the same.
        assertThat(org.sda.engine.model.SdaModelFile.read(model).manifest().prior().sampling()).isNull();
        assertThat(org.sda.engine.model.SdaModelFile.read(out).entry(org.sda.engine.model.SdaModel.PRIOR))
                .isEqualTo(org.sda.engine.model.SdaModelFile.read(model).entry(org.sda.engine.model.SdaModel.PRIOR));
        CliRun info = CliRun.sda("model", "info", out.toString());
        assertThat(info.out()).contains(String.format(java.util.Locale.ROOT, "temperature 1 samples at %.2f, continuity"
                + " %.0f", sampling.temperature(), sampling.continuity())).contains("Fréchet distance");

        Path plain = dir.resolve("plain.sda");
        ToyPrior.withoutPrior(plain);
        CliRun refused = CliRun.sda("model", "calibrate", plain.toString(), set.toString(), "--no-cache");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("plain.sda has no prior");
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
