package org.sda.engine.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sda.engine.install.BundleInstaller;
import org.sda.engine.install.InstallException;
import org.sda.engine.install.PluginBundle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sda plugin install [--bundle DIR] [--target DIR]}: copies the bundle into the VST3
 * folder ({@code ~/.vst3} unless told otherwise), atomically, replacing an earlier install of
 * ours and refusing to replace anything else.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install SmallDataSetAudio.vst3 into your VST3 folder (~/.vst3).",
            "Replaces an earlier install of it, atomically; never replaces a folder of that name that sda",
            "did not install."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:installed", "1:not installed (the message says why)", "2:bad command line"})
final class PluginInstallCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = {"The bundle to install. Default: the bundle this sda runs from, else the one",
                "the build made (installers/target/SmallDataSetAudio.vst3)."})
    Path bundle;

    @Option(names = "--target", paramLabel = "DIR",
            description = "The plugin folder to install into (default: ~/.vst3; /usr/local/lib/vst3 for all users).")
    Path target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> source = bundle != null ? Optional.of(bundle) : defaultBundle();
        if (source.isEmpty()) {
            err.println("sda plugin install: no bundle found; build it with ./mvnw -pl installers -am package,"
                    + " or name one with --bundle");
            err.flush();
            return 1;
        }
        Path folder = target != null ? target : BundleInstaller.defaultTarget();
        try {
            BundleInstaller.Installed done = new BundleInstaller().install(PluginBundle.open(source.get()), folder);
            out.println("Installed Small DataSet Audio " + done.version() + " to " + done.location()
                    + done.replacedVersion().map(v -> " (replaced " + v + ")").orElse(""));
            out.println("Let your DAW rescan its plugins (or restart it) to find \"Small DataSet Audio\" among its instruments.");
            out.flush();
            return 0;
        } catch (InstallException e) {
            err.println("sda plugin install: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The bundle around this jar, else the one a source checkout's build made. */
    private static Optional<Path> defaultBundle() {
        try {
            Path jar = Path.of(PluginInstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Optional<Path> enclosing = PluginBundle.enclosing(jar);
            if (enclosing.isPresent()) {
                return enclosing;
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // Not run from a jar on a file system: fall back to the checkout.
        }
        return SdaHome.find()
                .map(home -> home.resolve("installers").resolve("target").resolve(PluginBundle.DIRECTORY_NAME))
                .filter(Files::isDirectory);
    }
}
