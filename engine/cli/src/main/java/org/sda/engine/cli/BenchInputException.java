package org.sda.engine.cli;

/**
 * A bench command's input cannot be measured (no usable sounds in the set given): the command line
 * prints the message, not a stack trace, and exits with 1.
 */
final class BenchInputException extends RuntimeException {

    BenchInputException(String message) {
        super(message);
    }
}
