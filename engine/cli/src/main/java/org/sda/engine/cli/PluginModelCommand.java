package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sda.engine.instrument.StartModel;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sda plugin model [MODEL | --reset]}: the model new instances of the VST3 instrument play. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Choose the model that new instances of the VST3 instrument play.",
            "Without MODEL, shows the choice. Projects keep the model they were saved with, whatever is",
            "chosen here."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the model cannot be played, or the choice not saved", "2:bad command line"})
final class PluginModelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "A .sda model with a prior.")
    Path model;

    @Option(names = "--reset", description = "Go back to the built-in demo model.")
    boolean reset;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reset && model != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either MODEL or --reset, not both");
        }
        try {
            if (reset) {
                StartModel.reset();
                out.println("New instances of the instrument play the built-in demo model.");
            } else if (model != null) {
                SdaModel read = SdaModelFile.read(model);
                if (!read.hasPrior()) {
                    return CliFailure.report(err, "plugin model", model + " has no prior, so the instrument could not"
                            + " make sounds from it: train one with sda train-prior " + model);
                }
                StartModel.choose(model);
                out.println("New instances of the instrument play " + model.toAbsolutePath().normalize()
                        + " (open projects keep their own model).");
            } else {
                out.println(StartModel.chosen()
                        .map(p -> "New instances of the instrument play " + p)
                        .orElse("New instances of the instrument play the built-in demo model."));
            }
            out.flush();
            return 0;
        } catch (ModelFileException e) {
            return CliFailure.report(err, "plugin model", e.getMessage());
        } catch (IOException e) {
            return CliFailure.report(err, "plugin model", StartModel.settingsFile() + ": could not be written: "
                    + e.getMessage());
        }
    }
}
