package org.sda.engine.export;

import java.io.IOException;
import java.nio.file.Path;

/** A head model (SOFA file) that cannot be used; the message names the file and the problem. */
public final class HrtfException extends IOException {

    private static final long serialVersionUID = 1L;

    public HrtfException(String source, String problem) {
        super(source + ": " + problem);
    }

    public HrtfException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }

    static HrtfException of(Path file, String problem) {
        return new HrtfException(file.toString(), problem);
    }
}
