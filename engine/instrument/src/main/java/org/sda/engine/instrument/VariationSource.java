package org.sda.engine.instrument;

import java.nio.file.Path;
import org.sda.engine.model.SdaModel;

/**
 * Where the instrument's sounds come from: something that makes one new mono sound per request.
 * The instrument knows nothing else of generation; the model-backed source wraps the engine's
 * generator, tests plug in sources that serve real recordings.
 *
 * <p>Threads: {@link #generate} is called from the instrument's generation workers only, possibly
 * from several at once, and may take a long time (seconds); it never runs on the render thread.
 * {@link #close} is called once, after every worker has stopped using the source.
 */
public interface VariationSource extends AutoCloseable {

    /** A short name for status lines, e.g. the model's name. */
    String name();

    /** The rate of the audio {@link #generate} returns, in Hz (the model's rate). */
    int sampleRate();

    /** How long a variation should be, in seconds, when the user has not said otherwise. */
    double defaultSeconds();

    /**
     * Makes one variation. The same request must give the same audio (seeded generation), so
     * projects reopen with the sounds they were saved with.
     *
     * @return mono samples at {@link #sampleRate()}; may be of any length ≥ 0
     * @throws Exception when generation fails; the worker reports it in the status and retries later
     */
    float[] generate(VariationRequest request) throws Exception;

    /**
     * Makes the source ready to generate now, if it is not yet (a source may leave opening its
     * sessions to the first generation, so that variations already made play sooner). Not on the
     * render thread.
     *
     * @throws SourceUnavailableException when it never will; the message says why
     */
    default void awaitOpen() throws SourceUnavailableException {
    }

    /** Frees native resources (ONNX sessions). */
    @Override
    void close();

    /**
     * Opens a source for a model that has been read: the model file's content in memory. Called on
     * a loader thread (never the render thread).
     */
    @FunctionalInterface
    interface Opener {

        /**
         * @throws SourceUnavailableException when this model cannot make sounds (no prior, say);
         *     the message is shown to the user and says what to do
         */
        VariationSource open(SdaModel model) throws SourceUnavailableException;
    }

    /** The model was read, but cannot make sounds; the message says why and what to do. */
    final class SourceUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public SourceUnavailableException(String message) {
            super(message);
        }

        public SourceUnavailableException(Path model, String problem) {
            super(model.getFileName() + " " + problem);
        }
    }
}
