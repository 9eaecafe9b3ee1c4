package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.FileReport;
import org.sda.engine.dataset.ImportListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda dataset inspect PATH...}: imports a dataset and shows each file's verdict and the
 * dataset's size class. Exits non-zero only when nothing usable was found.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Import a folder (recursively) or a list of sound files and report on every file.",
            "The report gives duration, rate, channels, peak and whether it is usable, with the reason when not."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one usable file", "1:no usable file found", "2:bad command line"})
final class DatasetInspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders and/or sound files.")
    List<Path> paths;

    @Option(names = "--json", description = "Print one JSON document for programs instead of the table.")
    boolean json;

    @Mixin
    ImportOptionsMixin importOptions;

    @Override
    public Integer call() throws Exception {
        Dataset dataset = importWithProgress(importOptions, paths);
        PrintWriter out = spec.commandLine().getOut();
        InspectReport report = new InspectReport(dataset, paths);
        if (json) {
            report.printJson(out);
        } else {
            report.printTable(out);
        }
        out.flush();
        return dataset.clips().isEmpty() ? 1 : 0;
    }

    /** Runs an import with a progress bar that counts files and notes how many came from the cache. */
    static Dataset importWithProgress(ImportOptionsMixin importOptions, List<Path> paths) throws InterruptedException {
        AtomicInteger cached = new AtomicInteger();
        try (Progress progress = Progress.start("Importing", 0)) {
            return importOptions.importer().importFrom(paths, new ImportListener() {
                @Override
                public void scanned(int fileCount) {
                    progress.maxHint(fileCount);
                }

                @Override
                public void fileDone(FileReport report, boolean fromCache) {
                    if (fromCache) {
                        progress.message(cached.incrementAndGet() + " cached");
                    }
                    progress.step();
                }
            });
        }
    }
}
