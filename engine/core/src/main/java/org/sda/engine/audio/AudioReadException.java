package org.sda.engine.audio;

import java.nio.file.Path;

/**
 * A file could not be read as audio. The message names the file and the problem; {@link #kind()}
 * tells a program what went wrong without parsing text.
 */
public class AudioReadException extends Exception {

    /** Why a file could not be decoded. */
    public enum Kind {
        /** Missing, a directory, or no permission. */
        UNREADABLE,
        /** Zero bytes. */
        EMPTY,
        /** Not an audio format we know (for example a text file renamed .wav). */
        NOT_AUDIO,
        /** A known format, but the data is cut off or damaged. */
        CORRUPT,
        /**
         * Readable, but decoding it would exceed the caller's length limit; refused before
         * allocating rather than running out of memory.
         */
        TOO_LONG
    }

    private final Path file;
    private final Kind kind;

    public AudioReadException(Path file, Kind kind, String problem) {
        this(file, kind, problem, null);
    }

    public AudioReadException(Path file, Kind kind, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.kind = kind;
    }

    public Path file() {
        return file;
    }

    public Kind kind() {
        return kind;
    }
}
