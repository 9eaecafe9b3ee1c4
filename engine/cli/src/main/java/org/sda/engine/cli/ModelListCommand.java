package org.sda.engine.cli;

import java.util.concurrent.Callable;
import org.sda.engine.library.LibraryException;
import org.sda.engine.library.LibraryQuery;
import org.sda.engine.library.ModelLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sda model list}: the models in the library, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the models in the library (the trainer app's Library tab), newest first.")
final class ModelListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LibraryOptionsMixin library;

    @Option(names = "--trash", description = "List the trash instead.")
    boolean trash;

    @Option(names = "--json", description = "Print one JSON array for programs.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        return run(spec, library, LibraryQuery.all().withTrashed(trash), json, false);
    }

    /** Prints the models matching {@code query}; exit code 1 when the library fails, or finds none and {@code noneIsFailure}. */
    static int run(CommandLine.Model.CommandSpec spec, LibraryOptionsMixin options, LibraryQuery query, boolean json,
                   boolean noneIsFailure) throws Exception {
        try (ModelLibrary library = options.open()) {
            library.rebuildNote().ifPresent(note -> spec.commandLine().getErr().println("sda: " + note));
            var found = library.search(query);
            LibraryTable.print(spec.commandLine().getOut(), found, json);
            return found.isEmpty() && noneIsFailure ? 1 : 0;
        } catch (LibraryException e) {
            spec.commandLine().getErr().println("sda model " + spec.name() + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
