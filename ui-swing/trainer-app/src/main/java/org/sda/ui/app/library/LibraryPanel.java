package org.sda.ui.app.library;

import java.awt.BorderLayout;
import java.awt.Desktop;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.SwingWorker;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.sda.engine.library.LibraryException;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.library.ModelLibrary;
import org.sda.ui.app.AppContext;
import org.sda.ui.common.FileDrop;
import org.sda.ui.common.ModelBrowserPanel;

/**
 * The Library tab: the shared {@link ModelBrowserPanel} with the commands that change the library
 * (import, rename, tag, delete to the trash and undo, reveal the file) and a details form for the
 * selected model. Every library call runs on a worker thread; results and messages return to the
 * EDT. EDT only.
 */
public final class LibraryPanel extends JPanel {

    private final AppContext context;
    private final ModelBrowserPanel browser = new ModelBrowserPanel();
    private final CompletableFuture<ModelLibrary> opened = new CompletableFuture<>();
    private final Deque<ModelEntry> deleted = new ArrayDeque<>();
    private final JTextField nameField = new JTextField(18);
    private final JTextField tagsField = new JTextField(18);
    private final JLabel details = new JLabel(" ");
    private final Action importAction;
    private final Action renameAction;
    private final Action deleteAction;
    private final Action undoAction;
    private final Action revealAction;
    private final Action refreshAction;
    private final JToggleButton trashToggle = new JToggleButton("Trash");
    private int running;

    public LibraryPanel(AppContext context) {
        super(new BorderLayout(8, 8));
        this.context = context;
        setName("libraryPanel");
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        importAction = action("Import .sda…", "Copy model files from anywhere into the library", KeyEvent.VK_I,
                KeyEvent.CTRL_DOWN_MASK, e -> chooseAndImport());
        renameAction = action("Apply", "Save the name and tags of the selected model", KeyEvent.VK_F2, 0,
                e -> applyDetails());
        deleteAction = action("Delete", "Move the selected models to the trash (undo with Ctrl+Z)", KeyEvent.VK_DELETE,
                0, e -> deleteSelected());
        undoAction = action("Undo delete", "Take the last deleted model back out of the trash", KeyEvent.VK_Z,
                KeyEvent.CTRL_DOWN_MASK, e -> undoDelete());
        revealAction = action("Reveal file", "Show the model file in the file manager", KeyEvent.VK_R,
                KeyEvent.CTRL_DOWN_MASK, e -> reveal());
        refreshAction = action("Refresh", "Read the library folder again (models added or removed by hand)",
                KeyEvent.VK_F5, 0, e -> sync());
        undoAction.setEnabled(false);
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.add(button(importAction, "importModel"));
        bar.add(button(deleteAction, "deleteModel"));
        bar.add(button(undoAction, "undoDelete"));
        bar.add(button(revealAction, "revealModel"));
        bar.add(button(refreshAction, "refreshLibrary"));
        bar.addSeparator();
        trashToggle.setName("showTrash");
        trashToggle.setToolTipText("List the trash instead of the library");
        trashToggle.getAccessibleContext().setAccessibleName("Show the trash");
        trashToggle.addActionListener(e -> browser.setShowTrash(trashToggle.isSelected()));
        bar.add(trashToggle);
        add(bar, BorderLayout.NORTH);
        add(browser, BorderLayout.CENTER);
        add(detailsForm(), BorderLayout.EAST);
        browser.table().getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                showSelected();
            }
        });
        setTransferHandler(modelDrop());
        browser.table().setTransferHandler(modelDrop());
        open();
    }

    private JPanel detailsForm() {
        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(BorderFactory.createTitledBorder("Selected model"));
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(3, 4, 3, 4);
        c.anchor = GridBagConstraints.WEST;
        c.fill = GridBagConstraints.HORIZONTAL;
        nameField.setName("modelName");
        nameField.getAccessibleContext().setAccessibleName("Model name");
        nameField.setToolTipText("The model's name in the library (F2 applies)");
        nameField.addActionListener(e -> applyDetails());
        tagsField.setName("modelTags");
        tagsField.getAccessibleContext().setAccessibleName("Model tags");
        tagsField.setToolTipText("Tags, separated by commas");
        tagsField.addActionListener(e -> applyDetails());
        details.setName("modelDetails");
        details.setVerticalAlignment(JLabel.TOP);
        c.gridx = 0;
        c.gridy = 0;
        form.add(new JLabel("Name"), c);
        c.gridx = 1;
        form.add(nameField, c);
        c.gridx = 0;
        c.gridy = 1;
        form.add(new JLabel("Tags"), c);
        c.gridx = 1;
        form.add(tagsField, c);
        c.gridy = 2;
        c.fill = GridBagConstraints.NONE;
        c.anchor = GridBagConstraints.EAST;
        form.add(button(renameAction, "applyDetails"), c);
        c.gridx = 0;
        c.gridy = 3;
        c.gridwidth = 2;
        c.weighty = 1;
        c.fill = GridBagConstraints.BOTH;
        c.anchor = GridBagConstraints.NORTHWEST;
        form.add(details, c);
        return form;
    }

    private AbstractAction action(String name, String tooltip, int key, int modifiers, Consumer<ActionEvent> body) {
        AbstractAction a = new AbstractAction(name) {
            public void actionPerformed(ActionEvent e) {
                body.accept(e);
            }
        };
        KeyStroke stroke = KeyStroke.getKeyStroke(key, modifiers);
        a.putValue(Action.SHORT_DESCRIPTION, tooltip + " (" + KeyEvent.getKeyText(key)
                + (modifiers == 0 ? "" : ", with " + KeyEvent.getModifiersExText(modifiers)) + ")");
        a.putValue(Action.ACCELERATOR_KEY, stroke);
        getInputMap(WHEN_IN_FOCUSED_WINDOW).put(stroke, name);
        getActionMap().put(name, a);
        return a;
    }

    private static JButton button(Action a, String name) {
        JButton b = new JButton(a);
        b.setName(name);
        b.getAccessibleContext().setAccessibleName((String) a.getValue(Action.NAME));
        return b;
    }

    /** Opens the library off the EDT: it may rebuild its database from the model files. */
    private void open() {
        running++;
        new SwingWorker<ModelLibrary, Void>() {
            @Override
            protected ModelLibrary doInBackground() throws LibraryException {
                return ModelLibrary.open(context.libraryRoot());
            }

            @Override
            protected void done() {
                running--;
                try {
                    ModelLibrary lib = get();
                    browser.setLibrary(lib, null);
                    opened.complete(lib);
                    lib.rebuildNote().ifPresent(note -> browser.showStatus(note, true));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    String why = "The library cannot be used: " + e.getCause().getMessage();
                    browser.setLibrary(null, why);
                    opened.completeExceptionally(e.getCause());
                    for (Action a : List.of(importAction, deleteAction, undoAction, renameAction, refreshAction)) {
                        a.setEnabled(false);
                    }
                }
            }
        }.execute();
    }

    /** Completes when the library is open (or fails with why it cannot be). Any thread. */
    public CompletableFuture<ModelLibrary> library() {
        return opened;
    }

    public ModelBrowserPanel browser() {
        return browser;
    }

    /** Whether library work is still running (tests wait for it). */
    public boolean busy() {
        return running > 0 || browser.busy() || !opened.isDone();
    }

    /** Runs {@code work} on the library off the EDT, then {@code after} on the EDT; failures go to the status line. */
    private <T> void work(String what, Callable<T> work, Consumer<T> after) {
        if (!opened.isDone() || opened.isCompletedExceptionally()) {
            browser.showStatus("The library is not open: " + browser.statusText(), true);
            return;
        }
        running++;
        new SwingWorker<T, Void>() {
            @Override
            protected T doInBackground() throws Exception {
                return work.call();
            }

            @Override
            protected void done() {
                running--;
                try {
                    after.accept(get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    browser.showStatus(what + ": " + e.getCause().getMessage(), true);
                    browser.refresh();
                }
            }
        }.execute();
    }

    /** Saves a trained model into the library; {@code done} gets the entry on the EDT. */
    public void save(Path model, String name, Consumer<ModelEntry> done) {
        work("Saving " + model.getFileName(), () -> opened.join().add(model, name, null), e -> {
            browser.refresh();
            browser.showStatus("Saved \"" + e.name() + "\" to the library", false);
            done.accept(e);
        });
    }

    /** Copies model files into the library. */
    public void importModels(List<Path> files) {
        work("Import", () -> {
            List<String> problems = new ArrayList<>();
            int n = 0;
            for (Path f : files) {
                try {
                    opened.join().add(f, null, null);
                    n++;
                } catch (LibraryException e) {
                    problems.add(e.getMessage());
                }
            }
            return new Object[] {n, problems};
        }, r -> {
            browser.refresh();
            @SuppressWarnings("unchecked") List<String> problems = (List<String>) r[1];
            if (problems.isEmpty()) {
                browser.showStatus("Imported " + r[0] + " model" + ((int) r[0] == 1 ? "" : "s"), false);
            } else {
                browser.showStatus("Imported " + r[0] + "; not imported: " + String.join("; ", problems), true);
            }
        });
    }

    private void chooseAndImport() {
        JFileChooser chooser = new JFileChooser();
        chooser.setMultiSelectionEnabled(true);
        chooser.setFileFilter(new FileNameExtensionFilter("SDA models (*.sda)", "sda"));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            importModels(Arrays.stream(chooser.getSelectedFiles()).map(File::toPath).toList());
        }
    }

    private void showSelected() {
        List<ModelEntry> sel = browser.selected();
        boolean one = sel.size() == 1;
        nameField.setEnabled(one && !browser.showsTrash());
        tagsField.setEnabled(one && !browser.showsTrash());
        if (!one) {
            nameField.setText("");
            tagsField.setText("");
            details.setText(sel.isEmpty() ? " " : sel.size() + " models selected");
            return;
        }
        ModelEntry e = sel.get(0);
        nameField.setText(e.name());
        tagsField.setText(String.join(", ", e.tags()));
        details.setText(String.format(java.util.Locale.ROOT, "<html><body style='width:%dpx'>%s<br><br>"
                        + "Dataset: %d files, %.1f s (%s)<br>VQ: %d levels × %d codes<br>Trained: %s<br><br>"
                        + "File: %s</body></html>", nameField.getPreferredSize().width + 60,
                e.verdict().map(Object::toString).orElse("no health recorded"), e.fileCount(), e.seconds(),
                e.sizeClass(), e.levels(), e.codebookSize(), e.created(), e.file()));
    }

    private void applyDetails() {
        List<ModelEntry> sel = browser.selected();
        if (sel.size() != 1) {
            return;
        }
        ModelEntry e = sel.get(0);
        String name = nameField.getText();
        List<String> tags = Arrays.stream(tagsField.getText().split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        work("Saving the name and tags", () -> {
            ModelLibrary lib = opened.join();
            if (!name.strip().equals(e.name())) {
                lib.rename(e.id(), name);
            }
            return lib.tag(e.id(), tags, e.tags().stream().filter(t -> tags.stream()
                    .noneMatch(n -> n.equalsIgnoreCase(t))).toList());
        }, updated -> {
            browser.refresh();
            browser.showStatus("Saved \"" + updated.name() + "\"", false);
        });
    }

    private void deleteSelected() {
        List<ModelEntry> sel = browser.selected();
        if (sel.isEmpty() || browser.showsTrash()) {
            return;
        }
        work("Delete", () -> {
            List<ModelEntry> done = new ArrayList<>();
            for (ModelEntry e : sel) {
                done.add(opened.join().trash(e.id()));
            }
            return done;
        }, done -> {
            done.forEach(deleted::push);
            undoAction.setEnabled(true);
            undoAction.putValue(Action.NAME, "Undo delete " + (done.size() == 1 ? "\"" + done.get(0).name() + "\""
                    : done.size() + " models"));
            browser.refresh();
            browser.showStatus("Moved " + (done.size() == 1 ? "\"" + done.get(0).name() + "\"" : done.size()
                    + " models") + " to the trash (Ctrl+Z undoes it)", false);
        });
    }

    private void undoDelete() {
        ModelEntry last = deleted.poll();
        if (last == null) {
            return;
        }
        undoAction.setEnabled(!deleted.isEmpty());
        undoAction.putValue(Action.NAME, deleted.isEmpty() ? "Undo delete"
                : "Undo delete \"" + deleted.peek().name() + "\"");
        work("Undo delete", () -> opened.join().restore(last.id()), e -> {
            browser.refresh();
            browser.showStatus("Restored \"" + e.name() + "\"", false);
        });
    }

    private void reveal() {
        List<ModelEntry> sel = browser.selected();
        if (sel.size() != 1) {
            return;
        }
        Path file = sel.get(0).file();
        work("Reveal", () -> {
            if (!Files.exists(file)) {
                throw new LibraryException("the file " + file + " is gone (deleted outside the library?)");
            }
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(file.getParent().toFile());
                return "Opened " + file.getParent();
            }
            return "The model file is " + file;
        }, message -> browser.showStatus(message, false));
    }

    /** Reads the library folder again; models deleted behind its back are named. */
    public void sync() {
        work("Refresh", () -> opened.join().sync(), report -> {
            browser.refresh();
            List<String> said = new ArrayList<>();
            report.vanished().forEach(v -> said.add("\"" + v.name() + "\" is gone (its file " + v.file()
                    + " was deleted or moved outside the library)"));
            report.added().forEach(a -> said.add("found \"" + a.name() + "\""));
            said.addAll(report.problems());
            browser.showStatus(said.isEmpty() ? "The library is up to date" : String.join("; ", said),
                    !report.vanished().isEmpty() || !report.problems().isEmpty());
        });
    }

    /** Closes the library (on window close). */
    public void close() {
        opened.thenAccept(ModelLibrary::close);
    }

    public Action deleteAction() {
        return deleteAction;
    }

    public Action undoAction() {
        return undoAction;
    }


    JComponent detailsLabel() {
        return details;
    }

    /** Accepts .sda files dropped on the library. */
    private FileDrop modelDrop() {
        return new FileDrop(this::importModels, message -> browser.showStatus(message, true));
    }
}
