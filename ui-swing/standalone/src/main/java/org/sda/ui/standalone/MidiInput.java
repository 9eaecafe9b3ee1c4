package org.sda.ui.standalone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Transmitter;
import org.sda.engine.instrument.InstrumentParameter;


/**
 * MIDI in from Java Sound's MIDI devices (on Linux, the ALSA sequencer's and raw MIDI ports appear
 * there): note on/off, pitch bend, the mod wheel (CC 1), all notes off (CC 123). Messages arrive
 * on Java Sound's threads and are handed to the host's voices (the next block plays them).
 */
final class MidiInput implements AutoCloseable {

    private final VoiceRoute played;
    private final Map<String, MidiDevice> open = new LinkedHashMap<>();

    MidiInput(VoiceRoute played) {
        this.played = played;
    }

    /** The names of the devices that send MIDI (not the software synthesizer or sequencer). */
    static List<String> inputs() {
        List<String> names = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (!(d instanceof Synthesizer) && !(d instanceof Sequencer) && d.getMaxTransmitters() != 0) {
                    names.add(info.getName());
                }
            } catch (MidiUnavailableException e) {
                // Not offered.
            }
        }
        return names;
    }

    /** Opens the device called {@code name} and plays what it sends. */
    synchronized void connect(String name) throws MidiUnavailableException {
        if (open.containsKey(name)) {
            return;
        }
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            if (!info.getName().equals(name)) {
                continue;
            }
            MidiDevice d = MidiSystem.getMidiDevice(info);
            if (d instanceof Synthesizer || d instanceof Sequencer || d.getMaxTransmitters() == 0) {
                continue;
            }
            d.open();
            Transmitter t = d.getTransmitter();
            t.setReceiver(receiver());
            open.put(name, d);
            return;
        }
        throw new MidiUnavailableException("no MIDI input called " + name);
    }

    synchronized void disconnect(String name) {
        MidiDevice d = open.remove(name);
        if (d != null) {
            d.close();
        }
    }

    synchronized boolean isConnected(String name) {
        return open.containsKey(name);
    }

    /** What a MIDI message does to the instrument. */
    Receiver receiver() {
        return new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                handle(message);
            }

            @Override
            public void close() {
            }
        };
    }

    void handle(MidiMessage message) {
        if (!(message instanceof ShortMessage m)) {
            return;
        }
        switch (m.getCommand()) {
            case ShortMessage.NOTE_ON -> {
                if (m.getData2() == 0) {
                    played.noteOff(m.getData1());
                } else {
                    played.noteOn(m.getData1(), m.getData2() / 127f);
                }
            }
            case ShortMessage.NOTE_OFF -> played.noteOff(m.getData1());
            case ShortMessage.PITCH_BEND -> {
                int value = (m.getData2() << 7) | m.getData1();
                played.setParameter(InstrumentParameter.PITCH_BEND.id(), value / 16383.0);
            }
            case ShortMessage.CONTROL_CHANGE -> {
                if (m.getData1() == 1) {
                    played.setParameter(InstrumentParameter.MOD_WHEEL.id(), m.getData2() / 127.0);
                } else if (m.getData1() == 123 || m.getData1() == 120) {
                    played.allNotesOff();
                }
            }
            default -> {
            }
        }
    }

    @Override
    public synchronized void close() {
        for (MidiDevice d : open.values()) {
            d.close();
        }
        open.clear();
    }
}
