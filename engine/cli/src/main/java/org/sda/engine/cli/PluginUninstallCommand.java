package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sda.engine.install.BundleInstaller;
import org.sda.engine.install.InstallException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sda plugin uninstall [--target DIR]}: removes the bundle that install put there. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove SmallDataSetAudio.vst3 from your VST3 folder (~/.vst3).",
            "Only removes a bundle that sda installed; does nothing when none is there."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:removed, or nothing to remove", "1:not removed (the message says why)",
            "2:bad command line"})
final class PluginUninstallCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--target", paramLabel = "DIR",
            description = "The plugin folder to uninstall from (default: ~/.vst3).")
    Path target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = target != null ? target : BundleInstaller.defaultTarget();
        try {
            BundleInstaller.Uninstalled done = new BundleInstaller().uninstall(folder);
            out.println(done.version()
                    .map(v -> "Removed Small DataSet Audio " + v + " from " + done.location())
                    .orElse("Nothing to remove: " + done.location() + " does not exist"));
            out.flush();
            return 0;
        } catch (InstallException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("sda plugin uninstall: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
