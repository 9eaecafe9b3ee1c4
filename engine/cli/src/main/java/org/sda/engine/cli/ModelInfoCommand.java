package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda model info MODEL [--json]}: what a model is and how it was made, from its manifest,
 * with a plain-words verdict on codebook health. Reads and checks the whole file (so a damaged
 * file is reported), but does not start the networks.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show what a model is, how it was trained and its codebook health.",
            "Name, audio and quantiser settings, level labels, the dataset and training it came from,",
            "codebook health per level, its entries and content hash."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:the file is missing or not a usable model", "2:bad command line"})
final class ModelInfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.sda).")
    Path file;

    @Option(names = "--json", description = "Print one JSON document for programs instead of text.")
    boolean json;

    @Override
    public Integer call() {
        SdaModel model;
        try {
            model = SdaModelFile.read(file);
        } catch (ModelFileException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("sda model info: " + e.getMessage());
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        ModelInfoReport report = new ModelInfoReport(model);
        if (json) {
            report.printJson(out);
        } else {
            report.printText(out);
        }
        out.flush();
        return 0;
    }
}
