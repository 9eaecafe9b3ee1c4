package org.sda.ui.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sound.midi.ShortMessage;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.Instruments;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.ui.common.PianoKeys;
import org.sda.ui.editor.EditorPanel;

/**
 * The standalone host plays what the on-screen keyboard and MIDI send, and records it. Rendered
 * through the host's offline path (the same blocks its audio thread renders), so no sound device
 * is needed: test machines have none.
 */
class StandaloneHostTest {

    private static final AudioSettings SETTINGS = new AudioSettings(null, 48000, 256);
    private static final int BLOCK = 256;

    @TempDir
    Path dir;

    private StandaloneHost host;
    private EditorPanel editor;

    @BeforeEach
    void start() throws Exception {
        Instrument instrument = Instruments.create(new InstrumentConfig(Optional.empty(),
                Optional.of(dir.resolve("cache")), Optional.empty()));
        host = new StandaloneHost(instrument);
        host.renderOffline(SETTINGS, 1);
        Path toy = ToyPrior.model(dir.resolve("toy.sda")).file();
        assertThat(instrument.loadModel(toy).ok()).as(instrument.status()).isTrue();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (instrument.poolView().ready() < 2) {
            assertThat(System.nanoTime()).as("variations ready; %s", instrument.status()).isLessThan(deadline);
            Thread.sleep(20);
        }
        editor = onEdt(() -> {
            EditorPanel p = new EditorPanel(host.played(), host.edits(), new PresetLibrary(dir.resolve("presets"), null));
            p.setSize(1100, 700);
            layOut(p);
            return p;
        });
    }

    @AfterEach
    void stop() throws Exception {
        onEdt(() -> {
            editor.dispose();
            return null;
        });
        host.close();
    }

    @Test
    void notesFromTheOnScreenKeyboardAreInTheRecordingWhereTheyWerePlayed() throws Exception {
        Path wav = dir.resolve("take.wav");
        host.startRecording(wav);
        host.renderOffline(SETTINGS, 20);
        PianoKeys keys = onEdt(() -> find(editor, "keyboard", PianoKeys.class));
        onEdt(() -> {
            Rectangle r = keys.keyBounds(60);
            keys.dispatchEvent(new MouseEvent(keys, MouseEvent.MOUSE_PRESSED, 0, InputEvent.BUTTON1_DOWN_MASK,
                    r.x + r.width / 2, r.height - 5, 1, false, MouseEvent.BUTTON1));
            return null;
        });
        assertThat(onEdt(() -> keys.isHeld(60))).isTrue();
        host.renderOffline(SETTINGS, 100);
        onEdt(() -> {
            Rectangle r = keys.keyBounds(60);
            keys.dispatchEvent(new MouseEvent(keys, MouseEvent.MOUSE_RELEASED, 0, 0, r.x + r.width / 2, r.height - 5,
                    1, false, MouseEvent.BUTTON1));
            return null;
        });
        host.renderOffline(SETTINGS, 100);
        assertThat(host.stopRecording()).isEqualTo(wav);

        float[] left = readFloatWav(wav);
        assertThat(left.length).isEqualTo(220 * BLOCK);
        assertThat(energy(left, 0, 20 * BLOCK)).as("silence before the key").isZero();
        assertThat(energy(left, 20 * BLOCK, 21 * BLOCK)).as("the note starts in the block after the press").isPositive();
        assertThat(Files.exists(dir.resolve("take.wav.part"))).isFalse();
    }

    @Test
    void aMidiNoteOnPlaysTheInstrument() throws Exception {
        Path wav = dir.resolve("midi.wav");
        host.startRecording(wav);
        host.renderOffline(SETTINGS, 4);
        host.midi().receiver().send(new ShortMessage(ShortMessage.NOTE_ON, 0, 64, 100), -1);
        host.renderOffline(SETTINGS, 40);
        host.midi().receiver().send(new ShortMessage(ShortMessage.NOTE_ON, 0, 64, 0), -1); // running-status note off
        host.renderOffline(SETTINGS, 4);
        host.stopRecording();
        float[] left = readFloatWav(wav);
        assertThat(energy(left, 0, 4 * BLOCK)).isZero();
        assertThat(energy(left, 4 * BLOCK, 44 * BLOCK)).isPositive();
    }

    /** The left channel of a 32-bit float stereo WAV as the host writes it; checks its header. */
    static float[] readFloatWav(Path wav) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(Files.readAllBytes(wav), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(b.getShort(20)).as("IEEE float").isEqualTo((short) 3);
        assertThat(b.getShort(22)).as("stereo").isEqualTo((short) 2);
        assertThat(b.getInt(24)).isEqualTo(48000);
        int bytes = b.getInt(40);
        assertThat(bytes).isEqualTo(b.capacity() - 44);
        float[] left = new float[bytes / 8];
        for (int i = 0; i < left.length; i++) {
            left[i] = b.getFloat(44 + i * 8);
        }
        return left;
    }

    static double energy(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += x[i] * x[i];
        }
        return e;
    }

    static <T> T onEdt(java.util.concurrent.Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    static void layOut(Container c) {
        c.doLayout();
        for (Component child : c.getComponents()) {
            if (child instanceof Container cc) {
                layOut(cc);
            }
        }
    }

    static <T extends Component> T find(Container root, String name, Class<T> type) {
        for (Component child : root.getComponents()) {
            if (name.equals(child.getName()) && type.isInstance(child)) {
                return type.cast(child);
            }
            if (child instanceof Container cc) {
                T found = find(cc, name, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
