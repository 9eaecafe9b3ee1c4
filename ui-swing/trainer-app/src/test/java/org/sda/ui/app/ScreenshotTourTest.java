package org.sda.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sda.ui.app.SwingHarness.find;
import static org.sda.ui.app.SwingHarness.runOnEdt;
import static org.sda.ui.app.SwingHarness.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JSpinner;
import javax.swing.JTable;
import javax.swing.JTextField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.training.TrainingEvent;
import org.sda.ui.app.train.TrainPanel;

/**
 * A tour of the app on real sounds, for screenshots and the import-table timing in
 * docs/BENCHMARKS.md; run by hand (minutes of training), with the sonic-pi sets made by the shared
 * datasets script: {@code -Dtest=ScreenshotTourTest -Dsda.ui.tour=SETS -Dsda.ui.screenshots=DIR}.
 * Skipped otherwise.
 */
class ScreenshotTourTest {

    @TempDir
    Path tmp;

    @Test
    void tour() throws Exception {
        String sets = System.getProperty("sda.ui.tour");
        Assumptions.assumeTrue(sets != null && !sets.isBlank(), "a tour run by hand: -Dsda.ui.tour=SETS");
        SwingHarness.requireDisplay();
        Path ambi = Path.of(sets, "ambi");
        AppFrame frame = SwingHarness.openApp(SwingHarness.context(tmp, true));
        TrainPanel train = frame.trainPanel();

        // A folder mixing good and bad files.
        Path mixed = Files.createDirectories(tmp.resolve("mixed folder"));
        try (var files = Files.list(ambi)) {
            for (Path f : files.sorted().limit(7).toList()) {
                Files.copy(f, mixed.resolve(f.getFileName()));
            }
        }
        Files.writeString(mixed.resolve("README.txt"), "notes about the sounds");
        Files.write(mixed.resolve("silence.wav"), new byte[0]);
        byte[] flac = Files.readAllBytes(mixed.resolve(Files.list(mixed).filter(p -> p.toString().endsWith(".flac"))
                .sorted().findFirst().orElseThrow().getFileName()));
        Files.write(mixed.resolve("cut-short.flac"), java.util.Arrays.copyOf(flac, flac.length / 3));
        runOnEdt(() -> train.importFrom(List.of(mixed)));
        waitFor("the mixed import", 120, () -> train.state() == TrainPanel.State.READY);
        SwingHarness.screenshot(frame, "tour-1-import-mixed");

        // Import-table time on the 165-file set: first (perhaps cold) and again (from the import cache).
        for (String run : List.of("first", "again")) {
            long t0 = System.nanoTime();
            runOnEdt(() -> train.importFrom(List.of(Path.of(sets, "all"))));
            waitFor("the import of all", 600, () -> train.state() == TrainPanel.State.READY
                    && train.importedRows() == 165);
            System.out.printf("import table, 165 files (%s): %.0f ms%n", run, (System.nanoTime() - t0) / 1e6);
        }

        // A real training on ambi, 2.5 minutes, no prior.
        runOnEdt(() -> train.importFrom(List.of(ambi)));
        waitFor("the ambi import", 120, () -> train.state() == TrainPanel.State.READY);
        runOnEdt(() -> {
            find(train, "minutes", JSpinner.class).setValue(2.5);
            JCheckBox prior = find(train, "trainPrior", JCheckBox.class);
            if (prior.isSelected()) {
                prior.doClick();
            }
            // -Dsda.ui.tour.options: trainer options for the tour's run (a smaller network, so that a
            // loaded machine still shows several epochs in the plots).
            find(train, "extraOptions", JTextField.class).setText(System.getProperty("sda.ui.tour.options", ""));
            find(train, "train", JButton.class).doClick();
        });
        waitFor("a few epochs", 400, () -> train.events().stream().filter(e -> e instanceof TrainingEvent.Health)
                .count() >= Integer.getInteger("sda.ui.tour.epochs", 3) || train.state() != TrainPanel.State.TRAINING);
        SwingHarness.screenshot(frame, "tour-2-mid-training");
        waitFor("the end", 400, () -> train.state() == TrainPanel.State.DONE || train.state() == TrainPanel.State.FAILED);
        assertThat(train.state()).as(train.statusText()).isEqualTo(TrainPanel.State.DONE);
        waitFor("the heatmap", 120, () -> train.heatmap().counts().length > 0);
        SwingHarness.screenshot(frame, "tour-3-done");
        runOnEdt(() -> find(train, "saveToLibrary", JButton.class).doClick());
        waitFor("the save", 60, () -> train.saved() != null);
        runOnEdt(() -> {
            frame.tabbedPane().setSelectedIndex(3);
            find(frame.libraryPanel(), "librarySearch", JTextField.class).setText("ambi files<=20");
        });
        waitFor("the search", 30, () -> !frame.libraryPanel().busy());
        runOnEdt(() -> find(frame.libraryPanel(), "libraryTable", JTable.class).setRowSelectionInterval(0, 0));
        SwingHarness.screenshot(frame, "tour-4-library");
        runOnEdt(frame::dispose);
    }
}
