package org.sda.engine.library;

/** A library operation failed; the message names the file or folder and the problem in plain words. */
public class LibraryException extends Exception {

    public LibraryException(String message) {
        super(message);
    }

    public LibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
