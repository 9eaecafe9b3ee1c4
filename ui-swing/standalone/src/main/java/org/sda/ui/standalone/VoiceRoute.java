package org.sda.ui.standalone;

import org.sda.engine.instrument.InstrumentParameter;
import org.sda.ui.editor.ParameterEditor;
import org.sda.ui.editor.PlayedInstrument;

/**
 * Where the window's notes and knob edits and Java Sound MIDI go: the voices the host renders
 * through now ({@link HostVoices}), which change when the audio restarts. Any thread; never
 * blocks. As the editor's {@link PlayedInstrument.NoteOut} it takes the on-screen and computer
 * keyboard's notes; as its {@link ParameterEditor} the knobs' edits.
 */
final class VoiceRoute implements PlayedInstrument.NoteOut, ParameterEditor {

    private volatile HostVoices voices;

    VoiceRoute(HostVoices initial) {
        this.voices = initial;
    }

    void use(HostVoices v) {
        voices = v;
    }

    HostVoices voices() {
        return voices;
    }

    @Override
    public void note(int key, float velocity) {
        voices.post(key & 127, velocity);
    }

    void noteOn(int key, float velocity) {
        note(key, velocity);
    }

    void noteOff(int key) {
        note(key, 0f);
    }

    /** Releases every voice from the next block (MIDI all notes off). */
    void allNotesOff() {
        voices.postAllNotesOff();
    }

    void setParameter(int id, double normalized) {
        if (id >= 0 && id < InstrumentParameter.values().length) {
            voices.postParameter(id, normalized);
        }
    }

    @Override
    public void performEdit(int id, double normalized) {
        setParameter(id, normalized);
    }
}
