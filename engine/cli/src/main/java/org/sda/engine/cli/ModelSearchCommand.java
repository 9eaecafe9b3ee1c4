package org.sda.engine.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sda.engine.library.LibraryQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sda model search QUERY...}: the library's search, as in the app's search box. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the model library by words and fields.",
            "Words match names, tags and dataset folders; fields narrow the search:",
            "  tag:T  files>=N files<=N  seconds>S  folder:PART  levels:L  codebook:K",
            "  after:2026-01-31  before:2026-12-31  date:2026-05-01  in:trash",
            "Example: sda model search pads tag:warm files>=10 codebook:64"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:found some", "1:found none, or the library cannot be used", "2:bad command line"})
final class ModelSearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LibraryOptionsMixin library;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Words and fields, as above.")
    List<String> query;

    @Option(names = "--json", description = "Print one JSON array for programs.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LibraryQuery q;
        try {
            q = LibraryQuery.parse(String.join(" ", query));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return ModelListCommand.run(spec, library, q, json, true);
    }
}
