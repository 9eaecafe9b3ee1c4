package org.sda.engine.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleInstallerTest {

    @TempDir
    Path dir;

    private final BundleInstaller installer = new BundleInstaller();

    private Path vst3() {
        return dir.resolve("home/.vst3");
    }

    private PluginBundle bundle(String version) throws Exception {
        return PluginBundle.open(FakeBundle.create(Files.createDirectories(dir.resolve("build-" + version)), version));
    }

    private long entriesIn(Path folder) throws Exception {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.count();
        }
    }

    @Test
    void installCreatesTheFolderAndCopiesTheWholeBundleWithItsModes() throws Exception {
        BundleInstaller.Installed done = installer.install(bundle("1.0"), vst3());

        Path installed = vst3().resolve(PluginBundle.DIRECTORY_NAME);
        assertThat(done.location()).isEqualTo(installed.toAbsolutePath());
        assertThat(done.version()).isEqualTo("1.0");
        assertThat(done.replacedVersion()).isEmpty();
        assertThat(installed.resolve(PluginBundle.BINARY)).hasContent("shim 1.0");
        assertThat(installed.resolve("Contents/Resources/lib/sda-engine.jar")).hasContent("jar 1.0");
        assertThat(Files.isExecutable(installed.resolve("Contents/Resources/runtime/bin/java"))).isTrue();
        assertThat(entriesIn(vst3())).as("no staging folder left behind").isEqualTo(1);
    }

    @Test
    void installReplacesAnEarlierInstallOfOurs() throws Exception {
        installer.install(bundle("1.0"), vst3());
        Path installed = vst3().resolve(PluginBundle.DIRECTORY_NAME);
        Files.writeString(installed.resolve("Contents/Resources/lib/stale.jar"), "from 1.0 only");

        BundleInstaller.Installed done = installer.install(bundle("2.0"), vst3());

        assertThat(done.replacedVersion()).contains("1.0");
        assertThat(installed.resolve(PluginBundle.BINARY)).hasContent("shim 2.0");
        assertThat(installed.resolve("Contents/Resources/lib/stale.jar")).doesNotExist();
        assertThat(entriesIn(vst3())).isEqualTo(1);
    }

    @Test
    void installRefusesToReplaceAFolderThatIsNotOurs() throws Exception {
        Path foreign = Files.createDirectories(vst3().resolve(PluginBundle.DIRECTORY_NAME).resolve("Contents"));
        Files.writeString(foreign.resolve("theirs.txt"), "keep me");

        assertThatThrownBy(() -> installer.install(bundle("1.0"), vst3()))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining(PluginBundle.DIRECTORY_NAME)
                .hasMessageContaining("not a Small DataSet Audio bundle installed by sda");
        assertThat(foreign.resolve("theirs.txt")).hasContent("keep me");
        assertThat(entriesIn(vst3())).isEqualTo(1);
    }

    @Test
    void installRefusesToReplaceAMarkerOfAnotherProduct() throws Exception {
        Path other = FakeBundle.create(Files.createDirectories(vst3()), "9");
        Files.writeString(other.resolve(PluginBundle.MARKER), "bundle.id=com.example.Other\nbundle.version=9\n");

        assertThatThrownBy(() -> installer.install(bundle("1.0"), vst3())).isInstanceOf(InstallException.class);
        assertThat(other.resolve(PluginBundle.BINARY)).hasContent("shim 9");
    }

    @Test
    void installAndUninstallLeaveASymbolicLinkAlone() throws Exception {
        Path elsewhere = FakeBundle.create(Files.createDirectories(dir.resolve("dev")), "dev");
        Files.createDirectories(vst3());
        Path link = Files.createSymbolicLink(vst3().resolve(PluginBundle.DIRECTORY_NAME), elsewhere);

        assertThatThrownBy(() -> installer.install(bundle("1.0"), vst3()))
                .isInstanceOf(InstallException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> installer.uninstall(vst3()))
                .isInstanceOf(InstallException.class).hasMessageContaining("symbolic link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(elsewhere.resolve(PluginBundle.BINARY)).hasContent("shim dev");
    }

    @Test
    void uninstallRemovesOurBundleAndOnlyIt() throws Exception {
        installer.install(bundle("1.0"), vst3());
        Path neighbour = Files.createDirectories(vst3().resolve("Other.vst3"));

        BundleInstaller.Uninstalled done = installer.uninstall(vst3());

        assertThat(done.removed()).isTrue();
        assertThat(done.version()).contains("1.0");
        assertThat(vst3().resolve(PluginBundle.DIRECTORY_NAME)).doesNotExist();
        assertThat(neighbour).isDirectory();
        assertThat(entriesIn(vst3())).isEqualTo(1);
    }

    @Test
    void uninstallWithNothingInstalledChangesNothing() throws Exception {
        BundleInstaller.Uninstalled done = installer.uninstall(vst3());

        assertThat(done.removed()).isFalse();
        assertThat(vst3()).doesNotExist();
    }

    @Test
    void uninstallRefusesAFolderThatIsNotOurs() throws Exception {
        Path foreign = Files.createDirectories(vst3().resolve(PluginBundle.DIRECTORY_NAME));

        assertThatThrownBy(() -> installer.uninstall(vst3())).isInstanceOf(InstallException.class);
        assertThat(foreign).isDirectory();
    }

    @Test
    void leftoversOfAnInterruptedInstallAreCleanedUpNextTime() throws Exception {
        Path part = Files.createDirectories(vst3().resolve("." + PluginBundle.DIRECTORY_NAME + ".abc.part/Contents"));
        Path unrelated = Files.createDirectories(vst3().resolve(".hidden-by-someone-else"));

        installer.install(bundle("1.0"), vst3());

        assertThat(part.getParent()).doesNotExist();
        assertThat(unrelated).isDirectory();
    }

    @Test
    void openRejectsIncompleteOrForeignBundlesNamingWhatIsMissing() throws Exception {
        Path root = FakeBundle.create(Files.createDirectories(dir.resolve("broken")), "1.0");
        Files.delete(root.resolve(PluginBundle.BINARY));
        assertThatThrownBy(() -> PluginBundle.open(root))
                .isInstanceOf(InstallException.class).hasMessageContaining(PluginBundle.BINARY);

        Path plain = Files.createDirectories(dir.resolve("plain.vst3"));
        assertThatThrownBy(() -> PluginBundle.open(plain))
                .isInstanceOf(InstallException.class).hasMessageContaining("not a Small DataSet Audio bundle");

        assertThatThrownBy(() -> PluginBundle.open(dir.resolve("missing")))
                .isInstanceOf(InstallException.class).hasMessageContaining("not a folder");
    }

    @Test
    void installingTheInstalledCopyOntoItselfIsRefused() throws Exception {
        installer.install(bundle("1.0"), vst3());
        PluginBundle installed = PluginBundle.open(vst3().resolve(PluginBundle.DIRECTORY_NAME));

        assertThatThrownBy(() -> installer.install(installed, vst3())).isInstanceOf(InstallException.class);
        assertThat(vst3().resolve(PluginBundle.DIRECTORY_NAME).resolve(PluginBundle.BINARY)).hasContent("shim 1.0");
    }

    @Test
    void enclosingFindsTheBundleAroundAJarInItsLibFolder() {
        Path jar = Path.of("/opt/x/SmallDataSetAudio.vst3/Contents/Resources/lib/sda-engine.jar");
        assertThat(PluginBundle.enclosing(jar)).contains(Path.of("/opt/x/SmallDataSetAudio.vst3"));
        assertThat(PluginBundle.enclosing(Path.of("/src/sda/engine/target/sda-engine.jar"))).isEmpty();
    }
}
