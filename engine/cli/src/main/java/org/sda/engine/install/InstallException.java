package org.sda.engine.install;

import java.nio.file.Path;

/**
 * An install or uninstall that did not happen; the message names the folder and the reason, and
 * says what the user can do about it. Nothing was changed when this is thrown, except that a
 * half-copied temporary folder may have been removed.
 */
public class InstallException extends Exception {

    private final Path path;

    public InstallException(Path path, String problem) {
        this(path, problem, null);
    }

    public InstallException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** The folder the problem is about. */
    public Path path() {
        return path;
    }
}
