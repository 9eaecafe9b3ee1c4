package org.sda.engine.bridge;

import java.util.concurrent.atomic.AtomicLongArray;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.instrument.VariationFeed;

/**
 * The plugin's voice renderer (plugin-shim's {@code voices.c}, through {@code libsda-voices.so})
 * for a host of our own in this JVM: the standalone host plays through the same C code the plugin
 * runs on the DAW's audio thread, so there is one real-time voice engine. Java feeds it the way it
 * feeds the plugin: a {@link VariationPublisher} copies the instrument's variations into the
 * renderer's shared block, and notes played from other threads (the on-screen keyboard, a Java
 * Sound MIDI device) go through the shared block's note ring ({@link #postNote}), as the editor's
 * keyboard does in the plugin.
 *
 * <p>Threads. {@link #open} and {@link #close}: a control thread, with the render thread stopped.
 * The render-thread methods ({@link #noteOn}, {@link #noteOff}, {@link #allNotesOff},
 * {@link #render}): one thread at a time; they allocate nothing, take no lock and do no I/O (the
 * render call is mapped directly, so JNA passes the arrays without argument arrays or boxing).
 * {@link #postNote}, {@link #setParameter} and {@link #requestAllNotesOff}: any thread.
 */
public final class NativeVoices implements AutoCloseable {

    /** Events one render call takes; more in a block are dropped (and counted by the renderer). */
    private static final int EVENTS = 1024;
    private static final int PARAMETERS = InstrumentParameter.values().length;

    /** The render call, directly mapped: no Object[] of arguments, no boxing per call. */
    private static final class Direct {
        static native int sda_voices_api_render(Pointer handle, float[] left, float[] right, int frames,
                                                int[] offsets, int[] kinds, int[] indexes, double[] values, int count);
    }

    private static volatile boolean directRegistered;

    private final VoicesLibrary library;
    private final Pointer handle;
    private final SharedBlock shared;
    private final VariationPublisher publisher;
    private final VariationFeed feed;
    private final int maxBlock;
    private final int[] offsets = new int[EVENTS];
    private final int[] kinds = new int[EVENTS];
    private final int[] indexes = new int[EVENTS];
    private final double[] values = new double[EVENTS];
    private int count;
    /** Parameter values set from other threads, as raw double bits; the render thread hands on the changed ones. */
    private final AtomicLongArray pendingValues = new AtomicLongArray(PARAMETERS);
    private final AtomicLongArray pendingSerial = new AtomicLongArray(PARAMETERS);
    private final long[] appliedSerial = new long[PARAMETERS];
    private final java.util.concurrent.atomic.AtomicBoolean allNotesOffRequested = new java.util.concurrent.atomic.AtomicBoolean();
    private boolean closed;

    private NativeVoices(VoicesLibrary library, Pointer handle, VariationFeed feed, Instrument instrument, int maxBlock) {
        this.library = library;
        this.handle = handle;
        this.feed = feed;
        this.maxBlock = maxBlock;
        this.shared = new SharedBlock(library.sda_voices_api_shared(handle));
        this.publisher = new VariationPublisher(shared, feed, null, "sda-host-publish");
        // The renderer starts at the parameters' defaults: give it the instrument's (a restored preset's).
        for (InstrumentParameter p : InstrumentParameter.values()) {
            setParameter(p.id(), instrument.parameter(p.id()), false);
        }
    }

    /**
     * Opens the plugin's renderer at {@code sampleRate} for blocks of up to {@code maxBlock} frames
     * and starts publishing {@code instrument}'s variations to it. The instrument must be prepared
     * for the same rate (its variations are made at the rate they are played at).
     *
     * @throws IllegalStateException with a message for a person when the renderer cannot be used:
     *     the library is not there (the plugin's C code was not built), it refuses the rate, or the
     *     instrument has no variation feed
     */
    public static NativeVoices open(Instrument instrument, double sampleRate, int maxBlock) {
        VariationFeed feed = instrument.variationFeed().orElseThrow(() -> new IllegalStateException(
                "this instrument renders only in Java"));
        VoicesLibrary library;
        try {
            library = VoicesLibrary.load();
            registerDirect();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("the plugin's voice renderer (lib" + VoicesLibrary.NAME
                    + ".so) could not be loaded: build engine/bridge, which compiles it (" + firstLine(e) + ")", e);
        }
        Pointer handle = library.sda_voices_api_new(sampleRate, maxBlock);
        if (handle == null) {
            throw new IllegalStateException("the plugin's voice renderer refused " + sampleRate + " Hz, "
                    + maxBlock + " frames");
        }
        try {
            NativeVoices voices = new NativeVoices(library, handle, feed, instrument, maxBlock);
            voices.publisher.start();
            return voices;
        } catch (RuntimeException e) {
            library.sda_voices_api_free(handle);
            throw new IllegalStateException("the plugin's voice renderer could not start: " + e.getMessage(), e);
        }
    }

    private static synchronized void registerDirect() {
        if (!directRegistered) {
            Native.register(Direct.class, NativeLibrary.getInstance(VoicesLibrary.location()));
            directRegistered = true;
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The largest block {@link #render} takes. */
    public int maxBlock() {
        return maxBlock;
    }

    /**
     * Any thread: plays {@code key} at {@code velocity} (0..1; 0 releases it) from the start of the
     * next rendered block. False when the note ring is full (nothing has rendered for a while).
     */
    public boolean postNote(int key, float velocity) {
        if (key < 0 || key > 127 || !(velocity >= 0)) {
            return false;
        }
        return shared.postNote(key, Math.min(1f, velocity));
    }

    /**
     * Any thread: parameter {@code id} to {@code normalized}: the instrument's value (generation,
     * state) now, the renderer's (envelope, gain, bend…) from the start of the next block.
     */
    public void setParameter(int id, double normalized) {
        setParameter(id, normalized, true);
    }

    private void setParameter(int id, double normalized, boolean toFeed) {
        if (id < 0 || id >= PARAMETERS || !(normalized >= 0 && normalized <= 1)) {
            return;
        }
        if (toFeed) {
            feed.setParameter(id, normalized);
        }
        pendingValues.set(id, Double.doubleToRawLongBits(normalized));
        pendingSerial.incrementAndGet(id);
    }

    /** Render thread: a note-on at {@code offset} frames into the next block. */
    public void noteOn(int offset, int key, float velocity) {
        add(offset, SharedLayout.NOTE_ON, key, velocity);
    }

    /** Render thread. */
    public void noteOff(int offset, int key) {
        add(offset, SharedLayout.NOTE_OFF, key, 0);
    }

    /** Any thread: releases every voice at the start of the next block (MIDI all notes off). */
    public void requestAllNotesOff() {
        allNotesOffRequested.set(true);
    }

    /** Render thread: releases every voice at the start of the next block. */
    public void allNotesOff() {
        add(0, SharedLayout.ALL_NOTES_OFF, 0, 0);
    }

    /** Render thread: a parameter change at {@code offset} (pitch bend, mod wheel from MIDI). */
    public void setParameterAt(int offset, int id, double normalized) {
        if (id >= 0 && id < PARAMETERS && normalized >= 0 && normalized <= 1) {
            add(offset, SharedLayout.PARAMETER, id, normalized);
        }
    }

    private void add(int offset, int kind, int index, double value) {
        if (count == EVENTS) {
            return;                       // the renderer's own limit per call; dropped
        }
        // Kept sorted by offset (ties in arrival order), as the renderer expects: MIDI arrives sorted.
        int at = count;
        while (at > 0 && offsets[at - 1] > offset) {
            at--;
        }
        if (at < count) {
            System.arraycopy(offsets, at, offsets, at + 1, count - at);
            System.arraycopy(kinds, at, kinds, at + 1, count - at);
            System.arraycopy(indexes, at, indexes, at + 1, count - at);
            System.arraycopy(values, at, values, at + 1, count - at);
        }
        offsets[at] = offset;
        kinds[at] = kind;
        indexes[at] = index;
        values[at] = value;
        count++;
    }

    /**
     * Render thread: renders {@code frames} (≤ {@link #maxBlock}) into both channels with the
     * events added since the last call, notes posted from other threads first.
     *
     * @return whether the block holds sound
     */
    public boolean render(float[] left, float[] right, int frames) {
        if (allNotesOffRequested.getAndSet(false)) {
            add(0, SharedLayout.ALL_NOTES_OFF, 0, 0);
        }
        for (int id = 0; id < PARAMETERS; id++) {
            long serial = pendingSerial.get(id);
            if (serial != appliedSerial[id]) {
                appliedSerial[id] = serial;
                add(0, SharedLayout.PARAMETER, id, Double.longBitsToDouble(pendingValues.get(id)));
            }
        }
        int n = count;
        count = 0;
        return Direct.sda_voices_api_render(handle, left, right, frames, offsets, kinds, indexes, values, n) == 1;
    }

    /**
     * Not the render thread: waits (at most 100 ms) until what the instrument's pool holds now is
     * published to the renderer. For offline rendering, which runs faster than the publisher's
     * rounds; real-time rendering never waits.
     */
    public boolean awaitPublished() {
        return publisher.awaitRound(100_000_000L);
    }

    /** Note-ons that found no variation ready (nothing was published yet, or the model failed). */
    public long notesWithoutSound() {
        return library.sda_voices_api_notes_without_sound(handle);
    }

    /** Voices sounding now; for tests and a display. */
    public int activeVoices() {
        return library.sda_voices_api_active(handle);
    }

    /** Control thread, render thread stopped: stops publishing and frees the renderer and its variations. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        publisher.close();
        library.sda_voices_api_free(handle);
    }
}
