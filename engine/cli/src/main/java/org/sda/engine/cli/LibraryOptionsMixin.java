package org.sda.engine.cli;

import java.nio.file.Path;
import org.sda.engine.library.LibraryException;
import org.sda.engine.library.ModelLibrary;
import picocli.CommandLine.Option;

/** {@code --library DIR}, shared by the {@code sda model} commands that use the model library. */
final class LibraryOptionsMixin {

    @Option(names = "--library", paramLabel = "DIR",
            description = "The model library folder (default: $SDA_LIBRARY_DIR, else $XDG_DATA_HOME/sda/library, "
                    + "else ~/.local/share/sda/library).")
    Path library;

    ModelLibrary open() throws LibraryException {
        return ModelLibrary.open(library != null ? library : ModelLibrary.defaultRoot());
    }
}
