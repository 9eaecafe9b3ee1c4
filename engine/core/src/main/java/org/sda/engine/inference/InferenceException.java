package org.sda.engine.inference;

/**
 * A network failed while running (not while loading: a graph that cannot be loaded or does not
 * match its manifest is a {@link org.sda.engine.model.ModelFileException}). The message names the
 * model file and the graph.
 */
public class InferenceException extends RuntimeException {

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public InferenceException(String message) {
        super(message);
    }
}
