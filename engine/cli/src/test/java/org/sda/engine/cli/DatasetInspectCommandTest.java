package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;

class DatasetInspectCommandTest {

    @TempDir
    Path dir;


    private void writeTone(Path file, double seconds) throws Exception {
        int rate = 22050;
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 300 * i / rate));
        }
        AudioFiles.write(file, AudioBuffer.mono(x, rate), AudioEncoding.WAV_PCM16);
    }

    @Test
    void theTableListsEveryFileAndTheSummary() throws Exception {
        writeTone(dir.resolve("one.wav"), 0.5);
        writeTone(dir.resolve("two.wav"), 0.4);
        Files.writeString(dir.resolve("readme.wav"), "not a sound");
        CliRun run = CliRun.sda("dataset", "inspect", dir.toString(), "--cache-dir", dir.resolve(".cache").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("one.wav", "two.wav", "readme.wav", "skipped: not audio",
                "3 files: 2 usable", "1 skipped (1 not audio)", "suggested codebook size 64");
    }

    @Test
    void jsonIsOneDocumentWithAVerdictPerFile() throws Exception {
        writeTone(dir.resolve("one.wav"), 0.5);
        Files.createFile(dir.resolve("zero.flac"));
        CliRun run = CliRun.sda("dataset", "inspect", "--json", "--no-cache", dir.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("files")).hasSize(2);
        assertThat(root.get("summary").get("usable").asInt()).isEqualTo(1);
        assertThat(root.get("summary").get("suggestedCodebookSize").asInt()).isEqualTo(64);
        JsonNode zero = root.get("files").get(1);
        assertThat(zero.get("name").asText()).isEqualTo("zero.flac");
        assertThat(zero.get("verdict").asText()).isEqualTo("empty");
        assertThat(zero.get("durationSeconds").isNull()).isTrue();
    }

    @Test
    void theExitCodeIsNonZeroOnlyWhenNothingIsUsable() throws Exception {
        Files.writeString(dir.resolve("a.wav"), "text");
        Files.createFile(dir.resolve("b.wav"));
        CliRun run = CliRun.sda("dataset", "inspect", "--no-cache", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("nothing usable");
    }

    @Test
    void versionAndUsageWork() {
        CliRun version = CliRun.sda("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("sda ").doesNotContain("unknown");
        CliRun bad = CliRun.sda("dataset", "inspect");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("PATH");
    }
}
