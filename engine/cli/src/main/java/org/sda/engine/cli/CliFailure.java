package org.sda.engine.cli;

import java.io.PrintWriter;

/** How a command reports a failure it handled: one line on its error writer, exit code 1. */
final class CliFailure {

    private CliFailure() {
    }

    static int report(PrintWriter err, String command, String message) {
        err.println("sda " + command + ": " + message);
        err.flush();
        return 1;
    }
}
