package org.sda.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sda.ui.editor.Ui.onEdt;

import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.Instruments;
import org.sda.engine.instrument.PlayedVariation;
import org.sda.engine.instrument.VariationFeed;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.ui.common.PianoKeys;
import org.sda.ui.common.WaveformView;

/** The pool's waveform of the last played variation, driven through the on-screen keyboard, over the demo model. */
class PoolWaveformTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aNoteOnTheKeyboardShowsTheVariationItPlayedAndTheNextNoteTheNextOne() throws Exception {
        Instrument instrument = Instruments.create(new InstrumentConfig(Optional.of(EditorPanelTest.DEMO),
                Optional.of(dir.resolve("cache")), Optional.empty()));
        instrument.prepare(48000, 256);
        open.add(instrument);
        PlayedInstrument played = new PlayedInstrument(instrument);
        EditorPanel panel = onEdt(() -> {
            EditorPanel p = new EditorPanel(played, played, new PresetLibrary(dir.resolve("presets"), null),
                    dir.resolve("library"));
            Ui.layOut(p, 1100, 700);
            return p;
        });
        open.add(() -> onEdt(() -> {
            panel.dispose();
            return null;
        }));
        Ui.await(() -> instrument.poolView().ready() >= 2, "two variations of the demo model ready");
        onEdt(() -> {
            panel.refresh();
            return null;
        });
        assertThat(onEdt(panel::lastPlayedText)).isEqualTo("Last played: no note yet");
        assertThat(onEdt(() -> panel.lastPlayedWaveform().envelope()[1])).isEmpty();

        float[] first = playKeyAndRender(panel, played, instrument);
        float[] second = playKeyAndRender(panel, played, instrument);
        assertThat(second).as("the second note took another variation").isNotEqualTo(first);
    }

    /**
     * Presses a key of the on-screen keyboard, renders a block (the notes reach the instrument
     * there), lets the editor refresh, and checks that the pool shows what the note played.
     */
    private static float[] playKeyAndRender(EditorPanel panel, PlayedInstrument played, Instrument instrument)
            throws Exception {
        long index = instrument.poolView().nextIndex();
        assertThat(index).as("a variation is ready for the next note").isNotNegative();
        float[] expected = readySamples(instrument, index);

        PianoKeys keys = onEdt(panel::keyboard);
        onEdt(() -> {
            int x = keys.getWidth() / 2;
            int y = keys.getHeight() - 4; // the white keys' lower part
            Ui.mouse(keys, MouseEvent.MOUSE_PRESSED, x, y, InputEvent.BUTTON1_DOWN_MASK, 1);
            Ui.mouse(keys, MouseEvent.MOUSE_RELEASED, x, y, 0, 1);
            return null;
        });
        played.render(new float[256], new float[256], 256);
        onEdt(() -> {
            panel.refresh();
            return null;
        });

        PlayedVariation last = instrument.lastPlayed().orElseThrow();
        assertThat(last.index()).isEqualTo(index);
        float[] got = new float[last.samples().remaining()];
        last.samples().get(got);
        assertThat(got).as("the instrument names the samples the note played").isEqualTo(expected);

        float[][] shown = onEdt(() -> panel.lastPlayedWaveform().envelope());
        float[][] reference = onEdt(() -> {
            WaveformView w = new WaveformView();
            w.setAudio(AudioBuffer.mono(expected.clone(), 48000));
            return w.envelope();
        });
        assertThat(shown[0]).as("the waveform's lows").isEqualTo(reference[0]);
        assertThat(shown[1]).as("the waveform's highs").isEqualTo(reference[1]);
        float peak = 0;
        for (float v : expected) {
            peak = Math.max(peak, v);
        }
        float shownPeak = 0;
        for (float v : shown[1]) {
            shownPeak = Math.max(shownPeak, v);
        }
        assertThat(shownPeak).as("the loudest sample is drawn").isEqualTo(peak).isPositive();
        assertThat(onEdt(panel::lastPlayedText)).startsWith("Last played: variation " + index + " (");
        return expected;
    }

    /** The samples of the ready variation {@code index} of the current seed, as the feed lists them. */
    private static float[] readySamples(Instrument instrument, long index) {
        VariationFeed.Snapshot snapshot = instrument.variationFeed().orElseThrow().snapshot();
        for (VariationFeed.Sound s : snapshot.slots()) {
            if (s != null && s.index() == index && s.epoch() == snapshot.epoch()) {
                return s.octave(0).clone();
            }
        }
        throw new AssertionError("variation " + index + " is not in the pool");
    }
}
