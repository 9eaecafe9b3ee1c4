package org.sda.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sda.ui.app.SwingHarness.find;
import static org.sda.ui.app.SwingHarness.onEdt;
import static org.sda.ui.app.SwingHarness.runOnEdt;
import static org.sda.ui.app.SwingHarness.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JTable;
import javax.swing.JTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.library.FakeModels;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.library.ModelLibrary;
import org.sda.ui.app.library.LibraryPanel;

/** The Library tab driven through its components. */
class LibraryTabTest {

    @TempDir
    Path tmp;
    AppFrame frame;

    @BeforeEach
    void library() throws Exception {
        SwingHarness.requireDisplay();
        try (ModelLibrary lib = ModelLibrary.open(tmp.resolve("library"))) {
            lib.add(FakeModels.write(tmp.resolve("a.sda"), FakeModels.manifest("Warm pads", List.of("pad", "warm"), 12,
                    40.5, "/home/me/sounds/ambi", 3, 64, "2026-03-01T10:00:00Z")), null, null);
            lib.add(FakeModels.write(tmp.resolve("b.sda"), FakeModels.manifest("Drum hits", List.of("drums"), 80, 30,
                    "/home/me/sounds/drums", 2, 128, "2026-05-02T10:00:00Z")), null, null);
            lib.add(FakeModels.write(tmp.resolve("c.sda"), FakeModels.manifest("Choir", List.of("vox"), 300, 900,
                    "/data/vox", 4, 256, "2026-07-03T10:00:00Z")), null, null);
        }
    }

    @AfterEach
    void close() throws Exception {
        if (frame != null) {
            runOnEdt(frame::dispose);
        }
    }

    private LibraryPanel open() throws Exception {
        frame = SwingHarness.openApp(SwingHarness.context(tmp, false));
        runOnEdt(() -> frame.tabbedPane().setSelectedIndex(3));
        LibraryPanel panel = frame.libraryPanel();
        waitFor("the first listing", 30, () -> !panel.busy() && panel.browser().shown().size() == 3);
        return panel;
    }

    private List<String> search(LibraryPanel panel, String query) throws Exception {
        JTextField field = find(panel, "librarySearch", JTextField.class);
        runOnEdt(() -> field.setText(query));
        waitFor("the search " + query, 30, () -> !panel.busy());
        JTable table = find(panel, "libraryTable", JTable.class);
        return onEdt(() -> {
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < table.getRowCount(); i++) {
                names.add((String) table.getValueAt(i, 1));
            }
            return names;
        });
    }

    @Test
    void searchFindsModelsByTagDatasetSizeAndCodebookSize() throws Exception {
        LibraryPanel panel = open();
        assertThat(search(panel, "tag:warm")).containsExactly("Warm pads");
        assertThat(search(panel, "files>=50")).containsExactly("Choir", "Drum hits");
        assertThat(search(panel, "files<=20")).containsExactly("Warm pads");
        assertThat(search(panel, "codebook:128")).containsExactly("Drum hits");
        assertThat(search(panel, "choi")).containsExactly("Choir");
        assertThat(search(panel, "sounds")).containsExactly("Drum hits", "Warm pads");
        JTable table = find(panel, "libraryTable", JTable.class);
        runOnEdt(() -> table.setRowSelectionInterval(1, 1));
        SwingHarness.screenshot(frame, "library-search");
        assertThat(search(panel, "files>=many")).isEmpty();
        assertThat(panel.browser().statusText()).contains("files>=many");
        assertThat(search(panel, "")).hasSize(3);
    }

    @Test
    void deleteGoesToTheTrashAndUndoBringsItBack() throws Exception {
        LibraryPanel panel = open();
        search(panel, "tag:drums");
        JTable table = find(panel, "libraryTable", JTable.class);
        runOnEdt(() -> table.setRowSelectionInterval(0, 0));
        runOnEdt(() -> find(panel, "deleteModel", JButton.class).doClick());
        waitFor("the delete", 30, () -> !panel.busy() && panel.browser().shown().isEmpty());
        assertThat(panel.browser().statusText()).contains("Drum hits").contains("trash");
        JButton undo = find(panel, "undoDelete", JButton.class);
        assertThat(onEdt(undo::getText)).contains("Drum hits");
        runOnEdt(undo::doClick);
        waitFor("the undo", 30, () -> !panel.busy() && panel.browser().shown().size() == 1);
        assertThat(onEdt(undo::isEnabled)).isFalse();
    }

    @Test
    void renameAndTagThroughTheDetailsForm() throws Exception {
        LibraryPanel panel = open();
        search(panel, "Choir");
        JTable table = find(panel, "libraryTable", JTable.class);
        runOnEdt(() -> table.setRowSelectionInterval(0, 0));
        runOnEdt(() -> {
            find(panel, "modelName", JTextField.class).setText("Big choir");
            find(panel, "modelTags", JTextField.class).setText("vox, evening");
            find(panel, "applyDetails", JButton.class).doClick();
        });
        waitFor("the rename", 30, () -> !panel.busy() && panel.browser().statusText().contains("Saved"));
        assertThat(search(panel, "tag:evening")).containsExactly("Big choir");
    }

    @Test
    void aCorruptDatabaseIsRebuiltFromTheModelFilesAndSaysSo() throws Exception {
        Path db = tmp.resolve("library").resolve(ModelLibrary.DATABASE);
        Files.deleteIfExists(tmp.resolve("library").resolve(ModelLibrary.DATABASE + "-wal"));
        Files.writeString(db, "this is not an SQLite database, it was overwritten by accident");
        LibraryPanel panel = open();
        assertThat(panel.browser().shown()).extracting(ModelEntry::name)
                .containsExactlyInAnyOrder("Warm pads", "Drum hits", "Choir");
        assertThat(panel.browser().statusText()).contains("damaged").contains("rebuilt").contains("3 model files");
    }

    @Test
    void aModelDeletedBehindTheLibrarysBackIsNamedOnRefresh() throws Exception {
        LibraryPanel panel = open();
        ModelEntry drums = panel.browser().shown().stream().filter(e -> e.name().equals("Drum hits")).findFirst()
                .orElseThrow();
        Files.delete(drums.file());
        runOnEdt(() -> find(panel, "refreshLibrary", JButton.class).doClick());
        waitFor("the refresh", 30, () -> !panel.busy() && panel.browser().statusText().contains("gone"));
        assertThat(panel.browser().statusText()).contains("Drum hits").contains(drums.file().toString());
        assertThat(panel.browser().shown()).hasSize(2);
    }

    @Test
    void aLibraryThatCannotBeOpenedIsNamedAndTheWindowStaysUsable() throws Exception {
        Path root = tmp.resolve("library");
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(root, "a file where the library folder should be");
        frame = SwingHarness.openApp(SwingHarness.context(tmp, false));
        LibraryPanel panel = frame.libraryPanel();
        assertThat(panel.browser().statusText()).contains("cannot be used").contains(root.toString());
        assertThat(onEdt(() -> find(panel, "importModel", JButton.class).isEnabled())).isFalse();
        runOnEdt(() -> frame.tabbedPane().setSelectedIndex(0));
        assertThat(onEdt(() -> find(frame.trainPanel(), "chooseFolder", JButton.class).isEnabled())).isTrue();
    }

    @Test
    void previewPlaysAModelsSoundsMadeOnceAndRefusesAModelThatCannotMakeAny() throws Exception {
        // A real model beside the manifest-only ones: the toy with a prior.
        try (ModelLibrary lib = ModelLibrary.open(tmp.resolve("library"))) {
            lib.add(org.sda.engine.inference.ToyPrior.model(tmp.resolve("toy.sda")).file(), "Toy tones", List.of("toy"));
        }
        frame = SwingHarness.openApp(SwingHarness.context(tmp, false));
        runOnEdt(() -> frame.tabbedPane().setSelectedIndex(3));
        LibraryPanel panel = frame.libraryPanel();
        waitFor("the first listing", 30, () -> !panel.busy() && panel.browser().shown().size() == 4);
        JButton preview = find(panel, "previewModel", JButton.class);
        JTable table = find(panel, "libraryTable", JTable.class);

        select(table, "Toy tones");
        runOnEdt(preview::doClick);
        waitFor("the toy's preview", 60, () -> !panel.browser().previewBusy() && !panel.browser().previewPlays());
        var made = onEdt(() -> panel.browser().lastPreview()).orElseThrow();
        assertThat(made.generated()).isTrue();
        assertThat(made.kept()).isRegularFile().startsWith(tmp.resolve("library").resolve("previews"));
        assertThat(onEdt(() -> panel.browser().statusText())).contains("Toy tones");

        // Previewed again: read from the library, not generated.
        runOnEdt(preview::doClick);
        waitFor("the kept preview", 60, () -> !panel.browser().previewBusy() && !panel.browser().previewPlays());
        var again = onEdt(() -> panel.browser().lastPreview()).orElseThrow();
        assertThat(again.generated()).isFalse();
        assertThat(again.audio().samples()).isEqualTo(made.audio().samples());

        // A manifest without networks cannot make a sound: refused, naming its file; the tab stays usable.
        select(table, "Warm pads");
        Path warm = onEdt(() -> panel.browser().selected().get(0).file());
        runOnEdt(preview::doClick);
        waitFor("the refusal", 60, () -> !panel.browser().previewBusy());
        assertThat(onEdt(() -> panel.browser().statusText())).startsWith("No preview: ")
                .contains(warm.getFileName().toString());
        SwingHarness.screenshot(frame, "library-preview-refused");
        assertThat(search(panel, "tag:drums")).containsExactly("Drum hits");
    }

    private static void select(JTable table, String name) throws Exception {
        runOnEdt(() -> {
            for (int row = 0; row < table.getRowCount(); row++) {
                if (name.equals(table.getValueAt(row, 1))) {
                    table.setRowSelectionInterval(row, row);
                    return;
                }
            }
            throw new AssertionError(name + " is not listed");
        });
    }
}
