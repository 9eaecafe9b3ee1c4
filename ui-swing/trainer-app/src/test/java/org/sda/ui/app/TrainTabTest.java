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
import javax.swing.JCheckBox;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.RepaintManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.training.TrainingEvent;
import org.sda.ui.app.train.TrainPanel;

/** The Train tab driven through its components, with a tiny real training in the trainer's own process. */
class TrainTabTest {

    /** A tiny network and few steps: seconds of training on two shared cores. */
    private static final String TINY = "--no-cache --hidden 16 --code-dim 8 --codebook-size 16 --batch-size 4 "
            + "--crop-frames 32 --seed 3";

    @TempDir
    Path tmp;
    AppFrame frame;
    SwingHarness.EdtCheckingRepaintManager repaints;

    @BeforeEach
    void open() throws Exception {
        SwingHarness.requireDisplay();
        repaints = new SwingHarness.EdtCheckingRepaintManager();
        runOnEdt(() -> RepaintManager.setCurrentManager(repaints));
        frame = SwingHarness.openApp(SwingHarness.context(tmp, true));
    }

    @AfterEach
    void close() throws Exception {
        if (frame != null) {
            runOnEdt(frame::dispose);
        }
    }

    private Path sounds() throws Exception {
        Path dir = tmp.resolve("my sounds");
        SwingHarness.writeTones(dir, 6, 1.0);
        Files.writeString(dir.resolve("notes.txt"), "not a sound");
        Files.write(dir.resolve("empty.wav"), new byte[0]);
        return dir;
    }

    private TrainPanel importAndSetUp(String extra) throws Exception {
        TrainPanel train = frame.trainPanel();
        Path dir = sounds();
        runOnEdt(() -> train.importFrom(List.of(dir)));
        waitFor("the import", 120, () -> train.state() == TrainPanel.State.READY);
        JTable table = find(train, "importTable", JTable.class);
        assertThat(onEdt(table::getRowCount)).isEqualTo(8);
        List<String> verdicts = onEdt(() -> {
            List<String> v = new java.util.ArrayList<>();
            for (int i = 0; i < table.getRowCount(); i++) {
                v.add(table.getValueAt(i, 0) + "=" + table.getValueAt(i, 6));
            }
            return v;
        });
        assertThat(verdicts).contains("tone-00.wav=ok", "notes.txt=not audio", "empty.wav=empty file");
        runOnEdt(() -> {
            find(train, "advancedToggle", javax.swing.JToggleButton.class).doClick();
            JCheckBox prior = find(train, "trainPrior", JCheckBox.class);
            if (prior.isSelected()) {
                prior.doClick();
            }
            find(train, "extraOptions", JTextField.class).setText(TINY + " " + extra);
            find(train, "modelNameField", JTextField.class).setText("Tiny tones");
        });
        return train;
    }

    @Test
    void aTinyTrainingFromTheTrainTabReachesDoneAndSavesToTheLibrary() throws Exception {
        TrainPanel train = importAndSetUp("--max-steps 50");
        SwingHarness.screenshot(frame, "import-table");
        try (EdtWatchdog watchdog = new EdtWatchdog()) {
            runOnEdt(() -> find(train, "train", JButton.class).doClick());
            waitFor("training to finish", 300, () -> train.state() == TrainPanel.State.DONE
                    || train.state() == TrainPanel.State.FAILED);
            System.out.printf("EDT while training: worst delay %.1f ms over %d samples, %d delays over 100 ms; "
                            + "a plain thread's worst lateness %.1f ms%n", watchdog.worstMillis(), watchdog.samples(),
                    watchdog.blocksOver100ms(), watchdog.worstOversleepMillis());
        }
        assertThat(train.state()).as(train.statusText()).isEqualTo(TrainPanel.State.DONE);
        assertThat(train.events()).anyMatch(e -> e instanceof TrainingEvent.Done);
        assertThat(onEdt(() -> train.charts().lossPoints())).isPositive();
        assertThat(onEdt(() -> train.charts().levelsShown())).isEqualTo(3);
        waitFor("the heatmap", 60, () -> train.heatmap().counts().length == 3);
        long used = java.util.Arrays.stream(train.heatmap().counts()[0]).filter(c -> c > 0).count();
        assertThat(used).isPositive();
        assertThat(onEdt(() -> train.healthLight().verdict())).isNotNull();
        assertThat(onEdt(train::resultSounds)).contains("Original: tone-00.wav", "Reconstruction: tone-00.wav")
                .hasSize(6);
        SwingHarness.screenshot(frame, "training-done");

        JButton save = find(train, "saveToLibrary", JButton.class);
        assertThat(onEdt(save::isEnabled)).isTrue();
        runOnEdt(save::doClick);
        waitFor("the save", 60, () -> train.saved() != null);
        assertThat(onEdt(save::isEnabled)).as("saved once").isFalse();

        runOnEdt(() -> frame.tabbedPane().setSelectedIndex(3));
        waitFor("the library to list the model", 30, () -> !frame.libraryPanel().busy()
                && frame.libraryPanel().browser().shown().stream().anyMatch(e -> e.name().equals("Tiny tones")));
        ModelEntry entry = frame.libraryPanel().browser().shown().get(0);
        assertThat(entry.fileCount()).isEqualTo(6);
        assertThat(entry.codebookSize()).isEqualTo(16);
        assertThat(entry.file()).startsWith(tmp.resolve("library")).exists();
        assertThat(repaints.violations.get()).as("Swing touched off the EDT: " + repaints.first).isZero();
    }

    @Test
    void cancelLeavesACheckpointAndResumeContinuesFromIt() throws Exception {
        TrainPanel train = importAndSetUp("--max-steps 100000");
        runOnEdt(() -> find(train, "train", JButton.class).doClick());
        waitFor("training steps", 240, () -> train.events().stream().anyMatch(e -> e instanceof TrainingEvent.Health));
        SwingHarness.screenshot(frame, "training-running");
        runOnEdt(() -> find(train, "cancel", JButton.class).doClick());
        waitFor("the cancel", 120, () -> train.state() == TrainPanel.State.CANCELLED);
        TrainingEvent.Checkpoint checkpoint = train.events().stream()
                .filter(e -> e instanceof TrainingEvent.Checkpoint).map(e -> (TrainingEvent.Checkpoint) e)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(Path.of(checkpoint.file())).exists();
        assertThat(train.statusText()).contains("Resume");
        JButton resume = find(train, "resume", JButton.class);
        assertThat(onEdt(resume::isEnabled)).isTrue();

        int before = train.events().size();
        runOnEdt(() -> find(train, "extraOptions", JTextField.class).setText(TINY + " --max-steps "
                + (checkpoint.step() + 4)));
        runOnEdt(resume::doClick);
        waitFor("the resumed training to finish", 300, () -> train.state() == TrainPanel.State.DONE
                || train.state() == TrainPanel.State.FAILED);
        assertThat(train.state()).as(train.statusText()).isEqualTo(TrainPanel.State.DONE);
        List<TrainingEvent> resumed = train.events().subList(before, train.events().size());
        TrainingEvent.Done done = resumed.stream().filter(e -> e instanceof TrainingEvent.Done)
                .map(e -> (TrainingEvent.Done) e).findFirst().orElseThrow();
        assertThat(done.steps()).as("continued from step " + checkpoint.step()).isEqualTo(checkpoint.step() + 4);
        assertThat(repaints.violations.get()).as("Swing touched off the EDT: " + repaints.first).isZero();
    }

    @Test
    void anEmptyFolderAndAFolderOfNonAudioAreNamedInPlainWords() throws Exception {
        TrainPanel train = frame.trainPanel();
        Path empty = Files.createDirectories(tmp.resolve("nothing here"));
        runOnEdt(() -> train.importFrom(List.of(empty)));
        waitFor("the import", 60, () -> train.state() == TrainPanel.State.EMPTY && !train.statusText().isBlank());
        assertThat(train.statusText()).contains("has no files").contains(empty.toString());
        assertThat(onEdt(() -> find(train, "train", JButton.class).isEnabled())).isFalse();

        Path text = Files.createDirectories(tmp.resolve("documents"));
        Files.writeString(text.resolve("a.txt"), "hello");
        Files.writeString(text.resolve("b.wav"), "not really a wav");
        runOnEdt(() -> train.importFrom(List.of(text)));
        waitFor("the import", 60, () -> train.statusText().contains("None of the"));
        assertThat(train.statusText()).contains("None of the 2 files").contains(text.toString());
        assertThat(onEdt(train::importedRows)).isEqualTo(2);
        assertThat(onEdt(() -> find(train, "train", JButton.class).isEnabled())).isFalse();
    }
}
