package org.sda.ui.editor;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.sda.engine.instrument.Instrument;

/**
 * An instrument that a window plays: notes and parameter changes may be posted from any thread
 * (the event thread, a MIDI thread) and reach the instrument at the start of the next rendered
 * block, on the render thread, as {@link Instrument} requires. Also the standalone host's
 * {@link ParameterEditor}: edits are applied to the instrument directly.
 *
 * <p>The queue allocates a node per event (a standalone host's choice: the plugin takes its events
 * from the host's buffers instead). In a plugin the notes go elsewhere: a {@link NoteOut} (the
 * shim's renderer plays them), and {@link #render} is not used.
 */
public final class PlayedInstrument implements ParameterEditor {

    private record Event(int kind, int key, double value) {
        static final int NOTE_ON = 0;
        static final int NOTE_OFF = 1;
        static final int PARAMETER = 2;
        static final int ALL_OFF = 3;
    }

    /** Where notes go when something else renders the instrument. Any thread; must not block. */
    @FunctionalInterface
    public interface NoteOut {
        /** Plays {@code key} at {@code velocity} (0..1); velocity 0 releases it. */
        void note(int key, float velocity);
    }

    private final Instrument instrument;
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final NoteOut notes;
    private final java.util.BitSet held = new java.util.BitSet(128);   // guarded by itself; with notes only

    public PlayedInstrument(Instrument instrument) {
        this(instrument, null);
    }

    /**
     * @param notes where notes go instead of this object's queue (a plugin's renderer), or
     *     {@code null} for the queue that {@link #render} applies
     */
    public PlayedInstrument(Instrument instrument, NoteOut notes) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.notes = notes;
    }

    /** The instrument, for what is not the render thread's (state, model, status). */
    public Instrument instrument() {
        return instrument;
    }

    /** Any thread. */
    public void noteOn(int key, float velocity) {
        if (notes != null) {
            synchronized (held) {
                held.set(key & 127);
            }
            notes.note(key, velocity);
            return;
        }
        events.add(new Event(Event.NOTE_ON, key, velocity));
    }

    /** Any thread. */
    public void noteOff(int key) {
        if (notes != null) {
            synchronized (held) {
                held.clear(key & 127);
            }
            notes.note(key, 0f);
            return;
        }
        events.add(new Event(Event.NOTE_OFF, key, 0));
    }

    /** Any thread. */
    public void allNotesOff() {
        if (notes != null) {
            java.util.BitSet release;
            synchronized (held) {
                release = (java.util.BitSet) held.clone();
                held.clear();
            }
            release.stream().forEach(key -> notes.note(key, 0f));
            return;
        }
        events.add(new Event(Event.ALL_OFF, 0, 0));
    }

    /** Any thread: parameter {@code id} to {@code normalized} from the next block on. */
    public void setParameter(int id, double normalized) {
        events.add(new Event(Event.PARAMETER, id, normalized));
    }

    @Override
    public void performEdit(int id, double normalized) {
        setParameter(id, normalized);
    }

    /** The render thread: applies the posted events at offset 0, then renders one block. */
    public boolean render(float[] left, float[] right, int frames) {
        Event e;
        while ((e = events.poll()) != null) {
            switch (e.kind()) {
                case Event.NOTE_ON -> instrument.noteOn(0, e.key(), (float) e.value());
                case Event.NOTE_OFF -> instrument.noteOff(0, e.key());
                case Event.PARAMETER -> instrument.setParameter(0, e.key(), e.value());
                default -> instrument.allNotesOff();
            }
        }
        return instrument.render(left, right, frames);
    }
}
