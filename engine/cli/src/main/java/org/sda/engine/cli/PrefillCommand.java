package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.io.IOException;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.instrument.VariationPrefill;
import org.sda.engine.instrument.VariationSource;
import org.sda.engine.model.ModelFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda prefill MODEL}: generates the variations the instrument plays first for a model, so
 * that a fresh instrument plays at once (used for the built-in demo model of the plugin bundle).
 */
@Command(name = "prefill", mixinStandardHelpOptions = true,
        description = {"Make the variations the instrument plays first for a model.",
            "They are generated with default parameters into MODEL.variations/ beside it, where the instrument",
            "finds them without generating."})
final class PrefillCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.sda), with a prior.")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where to write them (default: MODEL.variations beside the model).")
    Path output;

    @Option(names = "--count", paramLabel = "N", description = "How many variations (default: ${DEFAULT-VALUE}, the default pool).")
    int count = 16;

    @Option(names = "--seed", paramLabel = "S", description = "Variation seed (default: ${DEFAULT-VALUE}).")
    int seed = 0;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || count > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be between 1 and 64");
        }
        if (seed < 0 || seed > 999) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed must be between 0 and 999");
        }
        Path folder = output != null ? output : VariationPrefill.folderBeside(model);
        try (Progress progress = Progress.start("Generating", count)) {
            VariationPrefill.run(model, folder, seed, count, (done, total) -> progress.step());
        } catch (ModelFileException | InferenceException | VariationSource.SourceUnavailableException e) {
            err.println("sda prefill: " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("sda prefill: " + folder + ": could not be written: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.printf(Locale.ROOT, "%d variation%s of seed %d for %s in %s%n", count, count == 1 ? "" : "s", seed,
                model.getFileName(), folder.toAbsolutePath().normalize());
        out.flush();
        return 0;
    }
}
