package org.sda.ui.editor;

import java.awt.FlowLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.engine.instrument.preset.VstPreset;

/**
 * The preset bar: the current preset's name, previous and next (factory presets, then the
 * user's), load from a file, save as a user preset. Presets are {@code .vstpreset} files holding
 * the instrument's state. Disk and restore run on the editor's loader thread; results reach the
 * event thread through {@code SwingUtilities.invokeLater}.
 */
final class PresetBar extends JPanel {

    private static final long serialVersionUID = 1L;

    private final Instrument instrument;
    private final PresetLibrary library;
    private final ExecutorService loader;
    private final Consumer<String> problems;
    private final Runnable restored;
    private final JLabel current = new JLabel("(no preset)");
    private Path currentFile;

    final Action previous = action("◀", "previousPreset", "Previous preset", () -> step(-1));
    final Action next = action("▶", "nextPreset", "Next preset", () -> step(1));
    final Action load = action("Load…", "loadPreset", "Load a preset file", this::loadWithDialog);
    final Action saveAs = action("Save as…", "savePreset", "Save the sound as a user preset", this::saveWithDialog);

    /**
     * @param problems shows a message to the person (event thread)
     * @param restored told (event thread) after a preset changed the instrument's state
     */
    PresetBar(Instrument instrument, PresetLibrary library, ExecutorService loader, Consumer<String> problems,
              Runnable restored) {
        super(new FlowLayout(FlowLayout.LEADING, 4, 2));
        this.instrument = instrument;
        this.library = library;
        this.loader = loader;
        this.problems = problems;
        this.restored = restored;
        add(new JLabel("Preset:"));
        add(button(previous));
        current.setName("presetName");
        current.getAccessibleContext().setAccessibleName("Current preset");
        add(current);
        add(button(next));
        add(button(load));
        add(button(saveAs));
    }

    String currentName() {
        return current.getText();
    }

    Path currentFile() {
        return currentFile;
    }

    private void step(int by) {
        Path from = currentFile;
        loader.execute(() -> {
            try {
                Path to = library.step(from, by);
                if (to == null) {
                    SwingUtilities.invokeLater(() -> problems.accept("No presets yet: save one with Save as…"));
                } else {
                    SwingUtilities.invokeLater(() -> load(to));
                }
            } catch (IOException e) {
                SwingUtilities.invokeLater(() -> problems.accept("Presets could not be listed: " + e.getMessage()));
            }
        });
    }

    private void loadWithDialog() {
        JFileChooser chooser = new JFileChooser(library.user().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter("VST3 presets (*.vstpreset)", "vstpreset"));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            load(chooser.getSelectedFile().toPath());
        }
    }

    private void saveWithDialog() {
        String name = JOptionPane.showInputDialog(this, "Name of the preset:",
                currentFile == null ? "My sound" : PresetLibrary.displayName(currentFile));
        if (name != null && !name.isBlank()) {
            save(name.strip());
        }
    }

    /** Event thread: restores the instrument from a preset file; a bad file is refused, naming it. */
    CompletableFuture<Instrument.RestoreResult> load(Path file) {
        CompletableFuture<Instrument.RestoreResult> done = new CompletableFuture<>();
        loader.execute(() -> {
            Instrument.RestoreResult result;
            try {
                VstPreset preset = VstPreset.read(file);
                result = instrument.restoreState(preset.component());
                if (!result.ok() && result.message().startsWith("State not restored")) {
                    result = new Instrument.RestoreResult(false, file + ": " + result.message());
                }
            } catch (IOException e) {
                result = new Instrument.RestoreResult(false, "Preset refused: " + e.getMessage());
            }
            Instrument.RestoreResult r = result;
            SwingUtilities.invokeLater(() -> {
                if (!r.message().startsWith("Preset refused") && !r.message().contains("State not restored")) {
                    currentFile = file;
                    current.setText(PresetLibrary.displayName(file));
                    restored.run();
                }
                if (!r.ok()) {
                    problems.accept(r.message());
                }
                done.complete(r);
            });
        });
        return done;
    }

    /** Event thread: saves the instrument's state as the user preset {@code name}. */
    CompletableFuture<Path> save(String name) {
        byte[] state = instrument.saveState();
        CompletableFuture<Path> done = new CompletableFuture<>();
        loader.execute(() -> {
            try {
                Path file = library.save(name, VstPreset.named(name, state));
                SwingUtilities.invokeLater(() -> {
                    currentFile = file;
                    current.setText(PresetLibrary.displayName(file));
                    done.complete(file);
                });
            } catch (IOException e) {
                SwingUtilities.invokeLater(() -> {
                    problems.accept("The preset could not be saved: " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    private static Action action(String text, String name, String description, Runnable run) {
        Action a = new AbstractAction(text) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                run.run();
            }
        };
        a.putValue(Action.SHORT_DESCRIPTION, description);
        a.putValue(Action.ACTION_COMMAND_KEY, name);
        return a;
    }

    private static JButton button(Action a) {
        JButton b = new JButton(a);
        b.setName((String) a.getValue(Action.ACTION_COMMAND_KEY));
        b.getAccessibleContext().setAccessibleName((String) a.getValue(Action.SHORT_DESCRIPTION));
        return b;
    }
}
