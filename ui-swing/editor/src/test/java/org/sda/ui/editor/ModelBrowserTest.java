package org.sda.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sda.ui.editor.Ui.onEdt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.swing.JButton;
import javax.swing.JTable;
import javax.swing.JToggleButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.Instruments;
import org.sda.engine.instrument.ModelInfo;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.engine.library.LibraryQuery;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.library.ModelLibrary;
import org.sda.ui.common.ModelBrowserPanel;

/** The editor's model browser (Browse…) driven through its components, over a real library and instrument. */
class ModelBrowserTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Instrument instrument() {
        Instrument i = Instruments.create(new InstrumentConfig(Optional.of(EditorPanelTest.DEMO),
                Optional.of(dir.resolve("cache")), Optional.empty()));
        i.prepare(48000, 256);
        open.add(i);
        return i;
    }

    /** A library holding the demo model and a toy one, the toy tagged "strings". */
    private Path library() throws Exception {
        Path root = dir.resolve("library");
        try (ModelLibrary lib = ModelLibrary.open(root)) {
            lib.add(EditorPanelTest.DEMO, "Demo pad", List.of("pad"));
            lib.add(ToyPrior.model(dir.resolve("toy.sda")).file(), "Toy strings", List.of("strings"));
        }
        return root;
    }

    private EditorPanel editor(PlayedInstrument played, Path libraryRoot) throws Exception {
        EditorPanel panel = onEdt(() -> {
            EditorPanel p = new EditorPanel(played, played, new PresetLibrary(dir.resolve("presets"), null),
                    libraryRoot);
            Ui.layOut(p, 1100, 800);
            return p;
        });
        open.add(() -> onEdt(() -> {
            panel.dispose();
            return null;
        }));
        return panel;
    }

    /** Clicks Browse… and waits for the library's list. */
    private static ModelBrowserPanel browse(EditorPanel panel, int models) throws Exception {
        ModelBrowserPanel browser = onEdt(() -> {
            Ui.find(panel, "browseModels", JToggleButton.class).doClick();
            return Ui.find(panel, "modelBrowser", ModelBrowserPanel.class);
        });
        assertThat(onEdt(() -> Ui.find(panel, "modelBrowserArea", javax.swing.JPanel.class).isVisible())).isTrue();
        Ui.await(() -> panel.modelSection().library() != null && panel.modelSection().library().isDone()
                && !browser.busy() && browser.shown().size() == models, models + " models listed");
        return browser;
    }

    private static void select(ModelBrowserPanel browser, String name) throws Exception {
        onEdt(() -> {
            JTable table = browser.table();
            for (int row = 0; row < table.getRowCount(); row++) {
                if (browser.shown().get(table.convertRowIndexToModel(row)).name().equals(name)) {
                    table.setRowSelectionInterval(row, row);
                    return null;
                }
            }
            throw new AssertionError(name + " is not listed");
        });
    }

    @Test
    void choosingAModelInTheBrowserChangesWhatTheInstrumentPlays() throws Exception {
        Path root = library();
        Instrument instrument = instrument();
        PlayedInstrument played = new PlayedInstrument(instrument);
        EditorPanel panel = editor(played, root);
        Ui.await(() -> instrument.modelInfo().isPresent(), "the demo model");
        ModelInfo demo = instrument.modelInfo().orElseThrow();
        assertThat(demo.demo()).isTrue();

        ModelBrowserPanel browser = browse(panel, 2);
        JTable table = browser.table();
        assertThat(onEdt(() -> {
            java.util.List<Object> headers = new java.util.ArrayList<>();
            for (int i = 0; i < table.getColumnCount(); i++) {
                headers.add(table.getColumnModel().getColumn(i).getHeaderValue());
            }
            return headers;
        })).containsExactly("Health", "Name", "Tags", "Size", "Sounds", "Seconds");
        // Search by tag narrows the list to the toy model.
        onEdt(() -> {
            browser.searchField().setText("tag:strings");
            browser.searchField().postActionEvent();
            return null;
        });
        Ui.await(() -> !browser.busy() && browser.shown().size() == 1, "the search for tag:strings");
        ModelEntry toy = onEdt(() -> browser.shown().get(0));
        assertThat(toy.name()).isEqualTo("Toy strings");
        assertThat(onEdt(() -> table.getValueAt(0, 2))).isEqualTo("strings");

        JButton play = onEdt(() -> Ui.find(panel, "playChosenModel", JButton.class));
        assertThat(onEdt(play::isEnabled)).as("nothing selected yet").isFalse();
        select(browser, "Toy strings");
        assertThat(onEdt(play::isEnabled)).isTrue();
        onEdt(() -> {
            play.doClick();
            return null;
        });
        Ui.await(() -> instrument.modelInfo().map(ModelInfo::file).filter(toy.file()::equals).isPresent(),
                "the toy model from the library");
        ModelInfo info = instrument.modelInfo().orElseThrow();
        assertThat(info.demo()).isFalse();
        assertThat(new String(instrument.saveState(), StandardCharsets.UTF_8)).contains(toy.file().toString());
        Ui.await(() -> {
            panel.refresh();
            return panel.modelName().equals(info.name()) && play.isEnabled();
        }, "the toy model's name shown");
        assertThat(onEdt(panel::messageText)).isEmpty();
        assertThat(onEdt(panel::statusText)).doesNotContain("Loading");
    }

    @Test
    void aCorruptModelInTheLibraryIsRefusedNamingItAndThePlayingModelStays() throws Exception {
        Path root = library();
        // Copied in by hand, damaged: not listed, and named under the list.
        Files.write(root.resolve(ModelLibrary.MODELS).resolve("damaged.sda"),
                "PK\u0003\u0004 half a zip".getBytes(StandardCharsets.ISO_8859_1));
        Path toyFile;
        try (ModelLibrary lib = ModelLibrary.open(root)) {
            toyFile = lib.search(LibraryQuery.parse("tag:strings")).get(0).file();
        }
        Instrument instrument = instrument();
        PlayedInstrument played = new PlayedInstrument(instrument);
        EditorPanel panel = editor(played, root);
        Ui.await(() -> instrument.modelInfo().isPresent(), "the demo model");
        ModelInfo demo = instrument.modelInfo().orElseThrow();

        ModelBrowserPanel browser = browse(panel, 2);
        assertThat(onEdt(browser::statusText)).contains("damaged.sda");
        assertThat(onEdt(browser::shown)).extracting(ModelEntry::name).doesNotContain("damaged");

        // A listed model whose file was damaged after it was listed (same size: the index still lists it).
        byte[] garbage = new byte[(int) Files.size(toyFile)];
        java.util.Arrays.fill(garbage, (byte) 7);
        Files.write(toyFile, garbage);
        select(browser, "Toy strings");
        onEdt(() -> { // Enter on the list, as a person would
            browser.table().getActionMap().get("openModel").actionPerformed(
                    new java.awt.event.ActionEvent(browser.table(), 0, "openModel"));
            return null;
        });
        Ui.await(() -> !panel.messageText().isEmpty() && Ui.find(panel, "playChosenModel", JButton.class).isEnabled(),
                "the refusal");
        assertThat(onEdt(panel::messageText)).contains(toyFile.getFileName().toString()).contains("refused")
                .contains("still playing");
        assertThat(instrument.modelInfo()).contains(demo);
        onEdt(() -> {
            panel.refresh();
            return null;
        });
        assertThat(onEdt(panel::modelName)).endsWith("built-in demo model");

        // A good model chosen next plays, and the message goes.
        select(browser, "Demo pad");
        onEdt(() -> {
            Ui.find(panel, "playChosenModel", JButton.class).doClick();
            return null;
        });
        Ui.await(() -> instrument.modelInfo().map(ModelInfo::demo).filter(d -> !d).isPresent(),
                "the library's copy of the demo");
        Ui.await(() -> panel.messageText().isEmpty(), "the message cleared");
    }

    @Test
    void aLibraryThatCannotBeOpenedSaysWhyAndTheFileDialogStillWorks() throws Exception {
        Path notAFolder = dir.resolve("library-file");
        Files.writeString(notAFolder, "a file where the library folder should be");
        PlayedInstrument played = new PlayedInstrument(instrument());
        EditorPanel panel = editor(played, notAFolder);
        ModelBrowserPanel browser = onEdt(() -> {
            Ui.find(panel, "browseModels", JToggleButton.class).doClick();
            return Ui.find(panel, "modelBrowser", ModelBrowserPanel.class);
        });
        Ui.await(() -> panel.modelSection().library().isDone(), "the library's refusal");
        assertThat(onEdt(browser::statusText)).contains("cannot be used").contains(notAFolder.toString());
        assertThat(onEdt(() -> Ui.find(panel, "openModel", JButton.class).isEnabled())).isTrue();
        // Browse… again hides it.
        onEdt(() -> {
            Ui.find(panel, "browseModels", JToggleButton.class).doClick();
            return null;
        });
        assertThat(onEdt(() -> Ui.find(panel, "modelBrowserArea", javax.swing.JPanel.class).isVisible())).isFalse();
    }

    @Test
    void spaceInTheBrowserPreviewsAModelsSoundsAndACorruptModelIsRefusedByName() throws Exception {
        Path root = library();
        Instrument instrument = instrument();
        PlayedInstrument played = new PlayedInstrument(instrument);
        EditorPanel panel = editor(played, root);
        Ui.await(() -> instrument.modelInfo().isPresent(), "the demo model");
        ModelBrowserPanel browser = browse(panel, 2);
        JButton preview = onEdt(browser::previewButton);
        assertThat(onEdt(preview::isEnabled)).as("nothing selected yet").isFalse();
        select(browser, "Demo pad");
        assertThat(onEdt(preview::isEnabled)).isTrue();
        assertThat(onEdt(() -> preview.getToolTipText())).contains("(Space)");

        // Space in the list: the preview is made off the event thread, the button says so meanwhile.
        assertThat(onEdt(() -> {
            JTable table = browser.table();
            Object action = table.getInputMap(javax.swing.JComponent.WHEN_FOCUSED)
                    .get(javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_SPACE, 0));
            table.getActionMap().get(action).actionPerformed(
                    new java.awt.event.ActionEvent(table, java.awt.event.ActionEvent.ACTION_PERFORMED, " "));
            return browser.previewBusy() + " " + preview.getText() + " " + preview.isEnabled();
        })).isEqualTo("true Making… false");
        Ui.await(() -> !browser.previewBusy() && !browser.previewPlays(), "the preview made and played (or refused by the output)");

        var made = onEdt(browser::lastPreview).orElseThrow();
        assertThat(made.generated()).isTrue();
        assertThat(made.kept()).isRegularFile().startsWith(root.resolve("previews"));
        assertThat(made.audio().durationSeconds()).isBetween(1.0, 3.1);
        float peak = 0;
        for (float v : made.audio().samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertThat(peak).as("the demo model's sound, not silence").isGreaterThan(0.05f);
        String said = onEdt(browser::statusText);
        assertThat(said).contains("Demo pad");
        assertThat(said.startsWith("No sound output on this machine: the preview of Demo pad (")
                || said.startsWith("Playing the preview of Demo pad"))
                .as("either it played or the output said there is none: " + said).isTrue();
        assertThat(onEdt(preview::getText)).isEqualTo("Preview");
        assertThat(instrument.modelInfo().orElseThrow().demo()).as("a preview does not change what plays").isTrue();

        // The toy model's file is damaged after it was listed: its preview is refused, naming it.
        Path toyFile = onEdt(() -> browser.shown().stream().filter(e -> e.name().equals("Toy strings"))
                .findFirst().orElseThrow().file());
        Files.write(toyFile, "not a model".getBytes(StandardCharsets.UTF_8));
        select(browser, "Toy strings");
        onEdt(() -> {
            preview.doClick();
            return null;
        });
        Ui.await(() -> !browser.previewBusy(), "the preview refused");
        assertThat(onEdt(browser::statusText)).startsWith("No preview: ").contains(toyFile.getFileName().toString());
        assertThat(onEdt(() -> browser.lastError())).isEqualTo(onEdt(() -> browser.statusText()));
        assertThat(onEdt(browser::previewPlays)).isFalse();
        assertThat(onEdt(preview::getText)).isEqualTo("Preview");
        assertThat(onEdt(preview::isEnabled)).as("another try is possible").isTrue();
        assertThat(instrument.modelInfo().orElseThrow().demo()).isTrue();
    }
}
