package org.sda.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar.gz as a user gets it: unpacked with tar, then its install.sh and uninstall.sh, which
 * run the bundle's own Java runtime, into and out of a plugin folder.
 */
class DistributableIT {

    @TempDir
    Path dir;

    private Path unpacked;

    private record Run(int exitCode, String output) {
    }

    private Run run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("sda.distributable"));
        assertThat(archive).isRegularFile();
        Run tar = run("tar", "-xzf", archive.toString(), "-C", dir.toString());
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        try (var entries = Files.list(dir)) {
            List<Path> top = entries.toList();
            assertThat(top).as("one folder at the top of the archive").hasSize(1);
            unpacked = top.get(0);
        }
    }

    @Test
    void theArchiveHoldsTheBundleTheScriptsAndTheReadme() {
        assertThat(unpacked.getFileName().toString()).matches("SmallDataSetAudio-.+-linux-x86_64");
        assertThat(unpacked.resolve("SmallDataSetAudio.vst3/Contents/x86_64-linux/SmallDataSetAudio.so")).isRegularFile();
        assertThat(unpacked.resolve("README.md")).isRegularFile();
        assertThat(Files.isExecutable(unpacked.resolve("install.sh"))).isTrue();
        assertThat(Files.isExecutable(unpacked.resolve("uninstall.sh"))).isTrue();
        assertThat(Files.isExecutable(unpacked.resolve("SmallDataSetAudio.vst3/Contents/Resources/runtime/bin/java")))
                .as("jlink's launcher keeps its mode through the archive").isTrue();
    }

    @Test
    void installReinstallAndUninstallWithTheScripts() throws Exception {
        Path target = dir.resolve("plugins with space");
        Path installed = target.resolve("SmallDataSetAudio.vst3");

        Run install = run(unpacked.resolve("install.sh").toString(), target.toString());
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(install.output()).contains("Installed Small DataSet Audio", installed.toString());
        assertThat(installed.resolve("Contents/Resources/sda-bundle.properties")).isRegularFile();
        assertThat(Files.isExecutable(installed.resolve("Contents/Resources/runtime/bin/java"))).isTrue();

        Run again = run(unpacked.resolve("install.sh").toString(), target.toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("(replaced ");

        Run uninstall = run(unpacked.resolve("uninstall.sh").toString(), target.toString());
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        assertThat(uninstall.output()).contains("Removed Small DataSet Audio");
        assertThat(installed).doesNotExist();
        try (var left = Files.list(target)) {
            assertThat(left.toList()).as("nothing left behind").isEmpty();
        }
    }

    @Test
    void installRefusesAFolderOfTheSameNameThatIsNotOurs() throws Exception {
        Path target = dir.resolve("vst3");
        Path foreign = Files.createDirectories(target.resolve("SmallDataSetAudio.vst3"));
        Files.writeString(foreign.resolve("keep.txt"), "someone else's");

        List<String> command = new ArrayList<>(List.of(unpacked.resolve("install.sh").toString(), target.toString()));
        Run install = run(command.toArray(String[]::new));

        assertThat(install.exitCode()).isEqualTo(1);
        assertThat(install.output()).contains("leaving it alone");
        assertThat(foreign.resolve("keep.txt")).hasContent("someone else's");
    }
}
