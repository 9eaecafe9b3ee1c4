package org.sda.engine.codes;

import java.nio.file.Path;

/** A {@code codes.json} file that cannot be used; the message names the file and the problem. */
public final class CodesFileException extends Exception {

    private final transient Path file;

    public CodesFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public CodesFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
