package org.sda.engine.cli;

import java.nio.file.Path;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine.Option;

/** {@code -m, --model MODEL}: the model file, shared by every command that runs one. */
final class ModelOptionMixin {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The model file (.sda).")
    Path file;

    /** The model, read defensively: a bad file fails with a message that names it. */
    SdaModel read() throws ModelFileException {
        return SdaModelFile.read(file);
    }

    /** The file's name, for reports. */
    Path name() {
        return file.getFileName();
    }
}
