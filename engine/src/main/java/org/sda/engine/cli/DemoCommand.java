package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sda.engine.dataset.Dataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sda demo}: the whole product on the bundled demo sounds, as far as it is built. Today
 * that is the import: every demo sound is decoded, checked, resampled and analysed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the product on the bundled CC0 demo sounds (today: import and inspect them).")
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImportOptionsMixin importOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path sounds = SdaHome.demoSounds().orElse(null);
        if (sounds == null) {
            spec.commandLine().getErr().println("sda demo: the bundled demo sounds were not found; run it through the "
                    + "./sda launcher of a checkout, or set SDA_HOME to the installation folder");
            return 1;
        }
        out.println("Demo sounds: " + sounds);
        out.println();
        Dataset dataset = DatasetInspectCommand.importWithProgress(importOptions, List.of(sounds));
        new InspectReport(dataset, List.of(sounds)).printTable(out);
        out.println();
        out.println("Next: look at your own sounds with  ./sda dataset inspect FOLDER");
        out.println("      and train a model on them with  ./sda train FOLDER -o my.sda  (a few minutes)");
        out.flush();
        return dataset.clips().isEmpty() ? 1 : 0;
    }
}
