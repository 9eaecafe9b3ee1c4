package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;

/** The shared --format/--rate/--stereo/--binaural options on generate, reconstruct and decode. */
class ExportOptionsTest {

    private static final Path DEMO_MODEL = Path.of("..", "..", "installers", "demo-model", "demo.sda");
    private static final Path DEMO_SOUND = Path.of("..", "..", "installers", "demo-sounds", "ambi_piano.flac");

    @TempDir
    Path dir;

    @Test
    void generateWritesStereoOggAtTheChosenRate() throws Exception {
        CliRun run = CliRun.sda("generate", "-m", DEMO_MODEL.toString(), "-o", dir.toString(), "--duration", "1.5",
                "--seed", "3", "--format", "ogg", "--rate", "48000", "--stereo", "0.7");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Ogg Vorbis").contains("stereo, width 0.70");
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".ogg")).findFirst().orElseThrow();
        }
        AudioBuffer back = AudioFiles.read(file);
        assertThat(back.channelCount()).isEqualTo(2);
        assertThat(back.sampleRate()).isEqualTo(48_000);
        assertThat(back.durationSeconds()).isBetween(1.4, 1.6);
    }

    @Test
    void reconstructAndDecodeTakeTheSameOptions() throws Exception {
        Path opus = dir.resolve("placed");
        CliRun run = CliRun.sda("reconstruct", "-m", DEMO_MODEL.toString(), DEMO_SOUND.toString(), "-o", opus.toString(),
                "--format", "opus", "--binaural", "90,0", "--normalize", "lufs:-20");
        assertThat(run.exitCode()).as(run.err()).isZero();
        AudioBuffer back = AudioFiles.read(dir.resolve("placed.opus"));
        assertThat(back.sampleRate()).isEqualTo(48_000);
        assertThat(back.channelCount()).isEqualTo(2);
        assertThat(run.out()).contains("binaural, azimuth +90°").contains("-20.0 LUFS");

        Path codes = dir.resolve("codes.json");
        assertThat(CliRun.sda("encode", "-m", DEMO_MODEL.toString(), DEMO_SOUND.toString(), "-o", codes.toString())
                .exitCode()).isZero();
        Path mp3 = dir.resolve("decoded.mp3");
        CliRun decode = CliRun.sda("decode", "-m", DEMO_MODEL.toString(), codes.toString(), "-o", mp3.toString(),
                "--stereo", "0");
        assertThat(decode.exitCode()).as(decode.err()).isZero();
        AudioBuffer decoded = AudioFiles.read(mp3);
        assertThat(decoded.channelCount()).isEqualTo(2);
        assertThat(decode.out()).contains("MP3");
    }

    @Test
    void badExportOptionsAreUsageErrorsNamingTheOption() {
        String[] base = {"reconstruct", "-m", DEMO_MODEL.toString(), DEMO_SOUND.toString(), "-o"};
        CliRun both = CliRun.sda(concat(base, dir.resolve("a.wav").toString(), "--stereo", "1", "--binaural", "0,0"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--stereo and --binaural");
        CliRun mismatch = CliRun.sda(concat(base, dir.resolve("a.wav").toString(), "--format", "mp3"));
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err()).contains("a.wav").contains("MP3");
        CliRun azimuth = CliRun.sda(concat(base, dir.resolve("b.wav").toString(), "--binaural", "270,0"));
        assertThat(azimuth.exitCode()).isEqualTo(2);
        assertThat(azimuth.err()).contains("--binaural azimuth must be between -180 and 180");
        CliRun opusRate = CliRun.sda(concat(base, dir.resolve("c.opus").toString(), "--rate", "44100"));
        assertThat(opusRate.exitCode()).isEqualTo(2);
        assertThat(opusRate.err()).contains("Opus is exported at 48000 Hz only");
    }

    @Test
    void anUnreadableHeadModelIsNamedAndNothingIsWritten() throws Exception {
        Path sofa = Files.writeString(dir.resolve("mine.sofa"), "not a head model");
        Path out = dir.resolve("x.wav");
        CliRun run = CliRun.sda("reconstruct", "-m", DEMO_MODEL.toString(), DEMO_SOUND.toString(), "-o", out.toString(),
                "--binaural", "30,0", "--hrtf", sofa.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mine.sofa").contains("SOFA");
        assertThat(out).doesNotExist();
    }

    @Test
    void theHelpSaysWhichWayAzimuthCounts() {
        CliRun help = CliRun.sda("decode", "--help");
        assertThat(help.out()).contains("POSITIVE TO THE RIGHT (+90 = right ear").contains("--rate").contains("--stereo");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
