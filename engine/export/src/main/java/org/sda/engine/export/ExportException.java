package org.sda.engine.export;

import java.io.IOException;

/**
 * An export that could not be made: the message names the file or folder (or the missing
 * encoder) and says what to do. Nothing is left behind when this is thrown: files are written
 * to a temporary name and renamed only when complete.
 */
public final class ExportException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for a UI that offers a different remedy for each. */
    public enum Kind { ENCODER_MISSING, FOLDER_READ_ONLY, DISK_FULL, HEAD_MODEL, BAD_SETTINGS, WRITE_FAILED }

    private final Kind kind;

    public ExportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ExportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
