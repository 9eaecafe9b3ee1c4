package org.sda.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCommandTest {

    @TempDir
    Path dir;

    private Path fakeBundle() throws Exception {
        Path root = dir.resolve("build/SmallDataSetAudio.vst3");
        Files.createDirectories(root.resolve("Contents/x86_64-linux"));
        Files.createDirectories(root.resolve("Contents/Resources/lib"));
        Files.writeString(root.resolve("Contents/x86_64-linux/SmallDataSetAudio.so"), "shim");
        Files.writeString(root.resolve("Contents/Resources/lib/sda-engine.jar"), "jar");
        Files.writeString(root.resolve("Contents/Resources/sda-bundle.properties"),
                "bundle.id=org.sda.SmallDataSetAudio\nbundle.version=3.1\n");
        return root;
    }

    @Test
    void installThenReinstallThenUninstallSayWhatTheyDid() throws Exception {
        Path bundle = fakeBundle();
        Path target = dir.resolve("vst3");

        CliRun first = CliRun.sda("plugin", "install", "--bundle", bundle.toString(), "--target", target.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Installed Small DataSet Audio 3.1 to "
                + target.resolve("SmallDataSetAudio.vst3").toAbsolutePath()).doesNotContain("replaced");

        CliRun second = CliRun.sda("plugin", "install", "--bundle", bundle.toString(), "--target", target.toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("(replaced 3.1)");

        CliRun removed = CliRun.sda("plugin", "uninstall", "--target", target.toString());
        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).contains("Removed Small DataSet Audio 3.1");
        assertThat(target.resolve("SmallDataSetAudio.vst3")).doesNotExist();

        CliRun again = CliRun.sda("plugin", "uninstall", "--target", target.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Nothing to remove");
    }

    @Test
    void aForeignFolderMakesInstallFailWithTheReason() throws Exception {
        Path target = dir.resolve("vst3");
        Files.createDirectories(target.resolve("SmallDataSetAudio.vst3"));

        CliRun run = CliRun.sda("plugin", "install", "--bundle", fakeBundle().toString(), "--target", target.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("sda plugin install:", "SmallDataSetAudio.vst3", "leaving it alone");
    }

    @Test
    void aMissingBundleIsNamed() {
        CliRun run = CliRun.sda("plugin", "install", "--bundle", dir.resolve("nope").toString(),
                "--target", dir.resolve("vst3").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nope", "not a folder");
    }
}
