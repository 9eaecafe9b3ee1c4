package org.sda.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sda.engine.library.LibraryException;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.library.ModelLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sda model rm MODEL...}: moves models to the library's trash; {@code --restore} takes them back. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Move models to the library's trash (undo with --restore; --empty-trash deletes for good).",
            "MODEL is an id or a name (sda model list; sda model list --trash for the trash)."})
final class ModelRmCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LibraryOptionsMixin library;

    @Parameters(arity = "0..*", paramLabel = "MODEL", description = "Models to move to the trash (or restore).")
    List<String> models = new ArrayList<>();

    @Option(names = "--restore", description = "Take the named models back out of the trash.")
    boolean restore;

    @Option(names = "--empty-trash", description = "Delete the models in the trash for good.")
    boolean emptyTrash;

    @Override
    public Integer call() throws Exception {
        if (models.isEmpty() && !emptyTrash) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name a model, or give --empty-trash");
        }
        var out = spec.commandLine().getOut();
        try (ModelLibrary lib = library.open()) {
            for (String which : models) {
                ModelEntry e = LibraryTable.find(lib, which, restore);
                if (restore) {
                    out.println("restored " + e.name() + " (" + lib.restore(e.id()).file() + ")");
                } else {
                    lib.trash(e.id());
                    out.println("moved " + e.name() + " to the trash (sda model rm --restore " + e.id() + " undoes it)");
                }
            }
            if (emptyTrash) {
                out.println("deleted " + lib.emptyTrash() + " model(s) for good");
            }
            out.flush();
            return 0;
        } catch (LibraryException | IllegalArgumentException e) {
            out.flush();
            spec.commandLine().getErr().println("sda model rm: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
