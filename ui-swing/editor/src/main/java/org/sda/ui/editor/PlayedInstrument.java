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
 * from the host's buffers instead).
 */
public final class PlayedInstrument implements ParameterEditor {

    private record Event(int kind, int key, double value) {
        static final int NOTE_ON = 0;
        static final int NOTE_OFF = 1;
        static final int PARAMETER = 2;
        static final int ALL_OFF = 3;
    }

    private final Instrument instrument;
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    public PlayedInstrument(Instrument instrument) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
    }

    /** The instrument, for what is not the render thread's (state, model, status). */
    public Instrument instrument() {
        return instrument;
    }

    /** Any thread. */
    public void noteOn(int key, float velocity) {
        events.add(new Event(Event.NOTE_ON, key, velocity));
    }

    /** Any thread. */
    public void noteOff(int key) {
        events.add(new Event(Event.NOTE_OFF, key, 0));
    }

    /** Any thread. */
    public void allNotesOff() {
        events.add(new Event(Event.ALL_OFF, 0, 0));
    }

    /** Any thread: parameter {@code id} to {@code normalized} from the next block on. */
    public void setParameter(int id, double normalized) {
        events.add(new Event(Event.PARAMETER, id, normalized));
    }

    @Override
    public void beginEdit(int id) {
    }

    @Override
    public void performEdit(int id, double normalized) {
        setParameter(id, normalized);
    }

    @Override
    public void endEdit(int id) {
    }

    /** The render thread: applies the posted events at offset 0, then renders one block. */
    public boolean render(float[] left, float[] right, int frames) {
        applyPosted();
        return instrument.render(left, right, frames);
    }

    /**
     * The render thread: applies the posted events at offset 0 of the next block (a plugin's
     * render loop calls this before it renders; the standalone host's {@link #render} does).
     * Allocates nothing when nothing was posted.
     */
    public void applyPosted() {
        Event e;
        while ((e = events.poll()) != null) {
            switch (e.kind()) {
                case Event.NOTE_ON -> instrument.noteOn(0, e.key(), (float) e.value());
                case Event.NOTE_OFF -> instrument.noteOff(0, e.key());
                case Event.PARAMETER -> instrument.setParameter(0, e.key(), e.value());
                default -> instrument.allNotesOff();
            }
        }
    }
}
