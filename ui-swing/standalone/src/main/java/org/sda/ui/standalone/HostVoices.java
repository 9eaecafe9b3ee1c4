package org.sda.ui.standalone;

import org.sda.engine.bridge.NativeVoices;
import org.sda.engine.instrument.Instrument;
import org.sda.ui.editor.PlayedInstrument;

/**
 * What the standalone host renders through: the plugin's C voice renderer ({@link Native}, the
 * one real-time voice engine), or, where that library is missing, the Java voice engine behind
 * {@link Instrument#render} ({@link Java}).
 *
 * <p>Threads. The {@code post} methods: any thread (the event thread, Java Sound's MIDI thread);
 * they reach the render thread at the start of its next block. The other methods: the render
 * thread only (the JACK process thread, the Java Sound line's thread or the clock), where
 * {@code offset} is the event's frame in the block {@link #render} renders next.
 */
interface HostVoices {

    /** Any thread: {@code key} at {@code velocity} (0..1; 0 releases it) from the next block. */
    void post(int key, float velocity);

    /** Any thread: parameter {@code id} to {@code normalized} from the next block. */
    void postParameter(int id, double normalized);

    /** Any thread: releases every voice at the start of the next block. */
    void postAllNotesOff();

    void noteOn(int offset, int key, float velocity);

    void noteOff(int offset, int key);

    void parameterAt(int offset, int id, double normalized);

    void allNotesOff();

    /** Renders {@code frames} (no more than the block the host was started with) into both channels. */
    boolean render(float[] left, float[] right, int frames);

    /** A few words for the status line. */
    String describe();

    /** The plugin's renderer through JNA; owns the {@link NativeVoices} (closed by the host). */
    final class Native implements HostVoices {
        private final NativeVoices voices;

        Native(NativeVoices voices) {
            this.voices = voices;
        }

        NativeVoices voices() {
            return voices;
        }

        @Override
        public void post(int key, float velocity) {
            voices.postNote(key, velocity);
        }

        @Override
        public void postParameter(int id, double normalized) {
            voices.setParameter(id, normalized);
        }

        @Override
        public void postAllNotesOff() {
            voices.requestAllNotesOff();
        }

        @Override
        public void noteOn(int offset, int key, float velocity) {
            voices.noteOn(offset, key, velocity);
        }

        @Override
        public void noteOff(int offset, int key) {
            voices.noteOff(offset, key);
        }

        @Override
        public void parameterAt(int offset, int id, double normalized) {
            voices.setParameterAt(offset, id, normalized);
        }

        @Override
        public void allNotesOff() {
            voices.allNotesOff();
        }

        @Override
        public boolean render(float[] left, float[] right, int frames) {
            return voices.render(left, right, frames);
        }

        @Override
        public String describe() {
            return "the plugin's voice renderer";
        }
    }

    /**
     * The Java voice engine: posted events go through a {@link PlayedInstrument}'s queue (a node
     * per event, allocated by the posting thread), events with offsets straight to the instrument.
     */
    final class Java implements HostVoices {
        private final Instrument instrument;
        private final PlayedInstrument queue;
        private final String why;

        /** @param why why the plugin's renderer is not used, for the status line */
        Java(Instrument instrument, String why) {
            this.instrument = instrument;
            this.queue = new PlayedInstrument(instrument);
            this.why = why;
        }

        @Override
        public void post(int key, float velocity) {
            if (velocity > 0) {
                queue.noteOn(key, velocity);
            } else {
                queue.noteOff(key);
            }
        }

        @Override
        public void postParameter(int id, double normalized) {
            queue.setParameter(id, normalized);
        }

        @Override
        public void postAllNotesOff() {
            queue.allNotesOff();
        }

        @Override
        public void noteOn(int offset, int key, float velocity) {
            instrument.noteOn(offset, key, velocity);
        }

        @Override
        public void noteOff(int offset, int key) {
            instrument.noteOff(offset, key);
        }

        @Override
        public void parameterAt(int offset, int id, double normalized) {
            instrument.setParameter(offset, id, normalized);
        }

        @Override
        public void allNotesOff() {
            instrument.allNotesOff();
        }

        @Override
        public boolean render(float[] left, float[] right, int frames) {
            return queue.render(left, right, frames);
        }

        @Override
        public String describe() {
            return "Java voice engine (" + why + ")";
        }
    }
}
