package org.sda.engine.model;

import java.nio.file.Path;

/** A {@code .sda} file could not be used; the message names the file and the problem. */
public class ModelFileException extends Exception {

    private final Path file;

    public ModelFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
