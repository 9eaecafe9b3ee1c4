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

/** {@code sda model tag MODEL TAG... [--remove TAG]}: tags a model in the library. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Add tags to a model in the library (or remove them with --remove); MODEL is its id or name.")
final class ModelTagCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LibraryOptionsMixin library;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's id or name (sda model list).")
    String model;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "TAG", description = "Tags to add.")
    List<String> add = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "TAG", description = "A tag to take off (repeatable).")
    List<String> remove = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (add.isEmpty() && remove.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name a tag to add, or --remove TAG");
        }
        try (ModelLibrary lib = library.open()) {
            ModelEntry e = LibraryTable.find(lib, model, false);
            ModelEntry tagged = lib.tag(e.id(), add, remove);
            spec.commandLine().getOut().println(tagged.name() + ": " + (tagged.tags().isEmpty() ? "no tags"
                    : String.join(", ", tagged.tags())));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (LibraryException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("sda model tag: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
