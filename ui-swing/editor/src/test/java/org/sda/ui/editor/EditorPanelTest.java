package org.sda.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sda.ui.editor.Ui.onEdt;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.swing.TransferHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.instrument.Instruments;
import org.sda.engine.instrument.ModelInfo;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.engine.instrument.preset.VstPreset;
import org.sda.ui.common.Knob;

/** The editor panel driven through its components, over a real instrument. */
class EditorPanelTest {

    static final Path DEMO = Path.of(System.getProperty("sda.home", "../..")).resolve("installers/demo-model/demo.sda");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Instrument instrument(Path demo) {
        Instrument i = Instruments.create(new InstrumentConfig(Optional.ofNullable(demo),
                Optional.of(dir.resolve("cache")), Optional.empty()));
        i.prepare(48000, 256);
        open.add(i);
        return i;
    }

    private EditorPanel editor(PlayedInstrument played, ParameterEditor edits) throws Exception {
        EditorPanel panel = onEdt(() -> {
            EditorPanel p = new EditorPanel(played, edits, new PresetLibrary(dir.resolve("presets"), null));
            Ui.layOut(p, 1100, 700);
            return p;
        });
        open.add(() -> onEdt(() -> {
            panel.dispose();
            return null;
        }));
        return panel;
    }

    private static void renderBlock(PlayedInstrument played) {
        played.render(new float[256], new float[256], 256);
    }

    @Test
    void turningAKnobEditsItsParameterThroughTheParameterEditor() throws Exception {
        PlayedInstrument played = new PlayedInstrument(instrument(null));
        RecordingEditor edits = new RecordingEditor(played);
        EditorPanel panel = editor(played, edits);
        InstrumentParameter p = InstrumentParameter.TEMPERATURE;
        Knob knob = onEdt(() -> Ui.find(panel, "knob.TEMPERATURE", Knob.class));
        double before = onEdt(knob::value);
        assertThat(before).isEqualTo(p.defaultNormalized());

        onEdt(() -> {
            Ui.dragUp(knob, 50, false);
            return null;
        });
        double turned = onEdt(knob::value);
        assertThat(turned).as("50 px of a 200 px range").isCloseTo(before + 0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(edits.calls.get(0)).isEqualTo(new RecordingEditor.Call("begin", p.id(), Double.NaN));
        assertThat(edits.calls.get(edits.calls.size() - 1)).isEqualTo(new RecordingEditor.Call("end", p.id(), Double.NaN));
        RecordingEditor.Call last = edits.calls.get(edits.calls.size() - 2);
        assertThat(last.kind()).isEqualTo("perform");
        assertThat(last.id()).isEqualTo(p.id());
        assertThat(last.value()).isEqualTo(turned);
        assertThat(edits.calls).allMatch(c -> c.id() == p.id());

        renderBlock(played);
        assertThat(played.instrument().parameter(p.id())).as("the instrument took the edit").isEqualTo(turned);
        onEdt(() -> {
            panel.refresh(); // the timer may have seen the drag's steps half applied
            return null;
        });
        assertThat(onEdt(knob::valueText)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", p.toPlain(turned)));

        // Shift: ten times finer.
        onEdt(() -> {
            Ui.dragUp(knob, 50, true);
            return null;
        });
        assertThat(onEdt(knob::value)).isCloseTo(turned + 0.025, org.assertj.core.data.Offset.offset(1e-9));
        // Arrow keys step by a hundredth; double-click resets.
        edits.calls.clear();
        onEdt(() -> {
            Ui.key(knob, java.awt.event.KeyEvent.VK_DOWN, 0);
            return null;
        });
        assertThat(edits.calls).extracting(RecordingEditor.Call::kind).containsExactly("begin", "perform", "end");
        assertThat(edits.calls.get(1).value()).isCloseTo(turned + 0.015, org.assertj.core.data.Offset.offset(1e-9));
        onEdt(() -> {
            Ui.mouse(knob, java.awt.event.MouseEvent.MOUSE_PRESSED, 5, 5, java.awt.event.InputEvent.BUTTON1_DOWN_MASK, 2);
            return null;
        });
        assertThat(onEdt(knob::value)).isEqualTo(p.defaultNormalized());
        renderBlock(played);
        assertThat(played.instrument().parameter(p.id())).isEqualTo(p.defaultNormalized());
    }

    @Test
    void theHostsChangeMovesTheKnob() throws Exception {
        PlayedInstrument played = new PlayedInstrument(instrument(null));
        EditorPanel panel = editor(played, played);
        played.setParameter(InstrumentParameter.ATTACK.id(), 0.42);
        renderBlock(played);
        onEdt(() -> {
            panel.refresh();
            return null;
        });
        assertThat(onEdt(() -> panel.knobOf(InstrumentParameter.ATTACK).value())).isEqualTo(0.42);
    }

    @Test
    void droppingAModelFileChangesWhatTheInstrumentPlays() throws Exception {
        assertThat(DEMO).as("the demo model of the checkout").isRegularFile();
        Instrument instrument = instrument(DEMO);
        PlayedInstrument played = new PlayedInstrument(instrument);
        EditorPanel panel = editor(played, played);
        Ui.await(() -> instrument.modelInfo().isPresent(), "the demo model");
        Ui.await(() -> {
            panel.refresh();
            return panel.modelName().endsWith("built-in demo model");
        }, "the demo model's name shown");

        Path toy = ToyPrior.model(dir.resolve("toy.sda")).file();
        boolean taken = onEdt(() -> panel.getTransferHandler().importData(
                new TransferHandler.TransferSupport(panel, files(toy.toFile()))));
        assertThat(taken).isTrue();
        Ui.await(() -> instrument.modelInfo().map(ModelInfo::file).filter(toy::equals).isPresent(), "the toy model");
        ModelInfo info = instrument.modelInfo().orElseThrow();
        assertThat(info.demo()).isFalse();
        assertThat(new String(instrument.saveState(), StandardCharsets.UTF_8)).contains(toy.toString());
        Ui.await(() -> {
            panel.refresh();
            return panel.modelName().equals(info.name());
        }, "the toy model's name shown");
        assertThat(onEdt(panel::messageText)).isEmpty();
        // Controls are named after the model's axes, or say it has none.
        for (int i = 0; i < 3; i++) {
            String expected = info.axisName(i) == null ? "Control " + (i + 1) + " (no axis)" : info.axisName(i);
            int index = i;
            assertThat(onEdt(() -> panel.controlLabel(index))).isEqualToIgnoringCase(expected);
        }
    }

    @Test
    void aBadModelShowsItsMessageAndTheOldModelKeepsPlaying() throws Exception {
        Instrument instrument = instrument(DEMO);
        PlayedInstrument played = new PlayedInstrument(instrument);
        EditorPanel panel = editor(played, played);
        Ui.await(() -> instrument.modelInfo().isPresent(), "the demo model");
        ModelInfo demo = instrument.modelInfo().orElseThrow();

        Path broken = dir.resolve("broken.sda");
        Files.write(broken, "PK\u0003\u0004 half a zip".getBytes(StandardCharsets.ISO_8859_1));
        Instrument.RestoreResult r = onEdt(() -> panel.loadModel(broken)).get();
        assertThat(r.ok()).isFalse();
        assertThat(onEdt(panel::messageText)).contains("broken.sda").contains("refused").contains("still playing");
        assertThat(instrument.modelInfo()).contains(demo);
        assertThat(onEdt(panel::statusText)).doesNotContain("silence");

        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "hello");
        r = onEdt(() -> panel.loadModel(foreign)).get();
        assertThat(r.ok()).isFalse();
        assertThat(onEdt(panel::messageText)).contains("notes.txt").contains("not a .sda");
        assertThat(instrument.modelInfo()).contains(demo);
    }

    @Test
    void aPresetSavedFromTheEditorLoadsInANewEditorToTheSameState() throws Exception {
        PlayedInstrument first = new PlayedInstrument(instrument(null));
        EditorPanel a = editor(first, first);
        onEdt(() -> {
            Ui.dragUp(Ui.find(a, "knob.RELEASE", Knob.class), 30, false);
            Ui.key(Ui.find(a, "knob.CONTROL_2", Knob.class), java.awt.event.KeyEvent.VK_UP, 0);
            Ui.find(a, "lockVariation", javax.swing.JToggleButton.class).doClick();
            return null;
        });
        renderBlock(first);
        byte[] state = first.instrument().saveState();
        Path file = onEdt(() -> a.savePreset("Long tail")).get();
        assertThat(file.getFileName().toString()).isEqualTo("Long tail.vstpreset");
        assertThat(VstPreset.read(file).component()).isEqualTo(state);

        PlayedInstrument second = new PlayedInstrument(instrument(null));
        EditorPanel b = editor(second, second);
        onEdt(() -> b.loadPreset(file)).get();
        assertThat(second.instrument().saveState()).isEqualTo(state);
        onEdt(() -> {
            b.refresh();
            return null;
        });
        for (InstrumentParameter p : InstrumentParameter.values()) {
            assertThat(onEdt(() -> b.knobOf(p).value())).as("%s", p).isEqualTo(first.instrument().parameter(p.id()));
        }
        assertThat(onEdt(b::presetName)).isEqualTo("Long tail");
        assertThat(onEdt(() -> Ui.find(b, "lockVariation", javax.swing.JToggleButton.class).isSelected())).isTrue();
    }

    @Test
    void aCorruptPresetIsRefusedNamingTheFile() throws Exception {
        PlayedInstrument played = new PlayedInstrument(instrument(null));
        EditorPanel panel = editor(played, played);
        Path bad = dir.resolve("other.vstpreset");
        Files.writeString(bad, "VST3 but nothing else");
        Instrument.RestoreResult r = onEdt(() -> panel.loadPreset(bad)).get();
        assertThat(r.ok()).isFalse();
        assertThat(onEdt(panel::messageText)).contains(bad.toString());
        assertThat(onEdt(panel::presetName)).isEqualTo("(no preset)");
    }

    static Transferable files(File... files) {
        return new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[] {DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor flavor) {
                return DataFlavor.javaFileListFlavor.equals(flavor);
            }

            @Override
            public Object getTransferData(DataFlavor flavor) {
                return List.of(files);
            }
        };
    }
}
