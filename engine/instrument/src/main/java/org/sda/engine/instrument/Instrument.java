package org.sda.engine.instrument;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The instrument as every front end sees it: note and parameter events in, stereo audio out.
 *
 * <p>Threads. {@link #prepare}, {@link #saveState}, {@link #restoreState}, {@link #status} and
 * {@link #close} are called from a non-render thread (the host's main thread, or a bridge worker).
 * The event methods and {@link #render} are called from the render thread only, one call at a
 * time; they never block, never do I/O and allocate nothing in steady state. Events received
 * since the previous {@code render} take effect at their sample offsets within the next one.
 */
public interface Instrument extends AutoCloseable {

    /** Sizes every buffer for the host's rate and largest block. Not on the render thread; may allocate. */
    void prepare(double sampleRate, int maxBlockFrames);

    /**
     * Not on the render thread, before rendering starts: whether blocks are rendered offline (a
     * bounce or export, not in real time). Offline, {@link #render} may wait, bounded, for sounds
     * still being generated, so a bounce is complete; in real time it never waits. Off by default.
     */
    default void setOffline(boolean offline) {
    }

    /** Render thread. {@code velocity} in [0, 1]; {@code key} a MIDI note number 0..127. */
    void noteOn(int sampleOffset, int key, float velocity);

    /** Render thread. */
    void noteOff(int sampleOffset, int key);

    /** Render thread. Releases every sounding voice (host transport stop, MIDI all-notes-off). */
    void allNotesOff();

    /** Render thread. {@code normalized} in [0, 1], as in {@link InstrumentParameter#toNormalized}. */
    void setParameter(int sampleOffset, int id, double normalized);

    /** Any thread: the parameter's current normalized value. */
    double parameter(int id);

    /**
     * Render thread: writes {@code frames} samples (≤ the prepared maximum) to both channels,
     * overwriting what was there.
     *
     * @return {@code false} when the block is pure silence, so a host can set its silence flags
     */
    boolean render(float[] left, float[] right, int frames);

    /** The latency this instrument adds, in samples at the prepared rate. */
    int latencySamples();

    /** Not on the render thread: the whole state as UTF-8 JSON (model reference, parameters, seeds). */
    byte[] saveState();

    /**
     * Not on the render thread: restores a state written by {@link #saveState}. Never throws for bad
     * input: a truncated or foreign blob, or a model that is gone, restores what it can and says so.
     */
    RestoreResult restoreState(byte[] state);

    /**
     * Not on the render thread: plays the {@code .sda} model in {@code file} from now on (the
     * user picked it). Reads and opens the model on the calling thread, then swaps it in; notes
     * that are sounding play on. Never throws for a bad file: the result says what is wrong,
     * naming the file. A file that cannot be played (missing, corrupt, foreign, no prior) is
     * refused while another model plays: that one plays on. With none playing, {@link #status}
     * says what is wrong and the instrument plays silence until another model is given.
     */
    default RestoreResult loadModel(Path file) {
        return new RestoreResult(false, getClass().getSimpleName() + " cannot load models");
    }

    /**
     * Any thread: the model that plays now, from its manifest; empty while none plays. For a
     * display: it changes when a model is loaded.
     */
    default Optional<ModelInfo> modelInfo() {
        return Optional.empty();
    }

    /**
     * The feed of variations for a voice renderer outside this JVM (the VST3 shim renders voices
     * natively and leaves {@link #render} unused), or empty when this instrument renders only
     * through {@link #render}. The same object for the instrument's whole life.
     */
    default Optional<VariationFeed> variationFeed() {
        return java.util.Optional.empty();
    }

    /** Any thread: a snapshot of the pool of variations, for a display; never blocks. */
    default PoolView poolView() {
        return PoolView.EMPTY;
    }

    /**
     * Any thread, never blocks: the variation the most recent note started, for a display; empty
     * before the first note of the model that plays. The render thread only stores a reference
     * when a note starts (no allocation, no lock); this call wraps it.
     */
    default java.util.Optional<PlayedVariation> lastPlayed() {
        return java.util.Optional.empty();
    }

    /** One line for a person: the model that plays, or what is wrong ("Model missing: …"). */
    String status();

    /** Stops background work and frees native resources. Not on the render thread. */
    @Override
    void close();

    /** What {@link #restoreState} managed: {@code ok} when everything came back as saved. */
    record RestoreResult(boolean ok, String message) {
    }
}
