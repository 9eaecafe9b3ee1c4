package org.sda.ui.editor;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.ModelInfo;
import org.sda.engine.library.LibraryException;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.library.ModelLibrary;
import org.sda.ui.common.FileDrop;
import org.sda.ui.common.ModelBrowserPanel;

/**
 * The editor's Model section: what plays (name, size class, sound count), a health light, the
 * instrument's status in plain words, and the ways to choose another model: the model library's
 * browser (the trainer app's, opened with Browse…), a file dialog, or a {@code .sda} dropped on the
 * editor. A file that cannot play is refused with a message naming it; the model that plays keeps
 * playing (the instrument's own rule). Loading, and opening the library, run on the editor's loader
 * thread; results reach the event thread through {@code SwingUtilities.invokeLater}.
 */
final class ModelSection extends JPanel {

    private static final long serialVersionUID = 1L;

    private final Instrument instrument;
    private final ExecutorService loader;
    private final JLabel name = new JLabel("—");
    private final JLabel size = new JLabel(" ");
    private final HealthDot health = new HealthDot();
    private final JTextArea status = wrapping();
    private final JTextArea message = wrapping();
    private final JButton open = new JButton("Open model…");
    private final JToggleButton browse = new JToggleButton("Browse…");
    private final JButton playChosen = new JButton("Play selected");
    private final ModelBrowserPanel browser = new ModelBrowserPanel();
    private final JPanel browserArea = new JPanel(new java.awt.BorderLayout(0, 4));
    private final Path libraryRoot;
    /** The library, once Browse… first opened it (or why it cannot be used); null before. */
    private CompletableFuture<ModelLibrary> library;
    private boolean loading;
    private java.util.function.Consumer<Boolean> browserShown = shown -> { };
    private Path lastFolder;

    ModelSection(Instrument instrument, ExecutorService loader, Path libraryRoot) {
        super(new GridBagLayout());
        this.instrument = instrument;
        this.loader = loader;
        this.libraryRoot = libraryRoot;
        setBorder(BorderFactory.createTitledBorder("Model"));
        name.setName("modelName");
        name.putClientProperty("FlatLaf.styleClass", "h3");
        name.getAccessibleContext().setAccessibleName("Model name");
        size.setName("modelFacts");
        size.getAccessibleContext().setAccessibleName("Model size and sounds");
        health.setName("modelHealth");
        status.setName("modelStatus");
        status.getAccessibleContext().setAccessibleName("Model status");
        message.setName("modelMessage");
        message.getAccessibleContext().setAccessibleName("Last model message");
        message.setVisible(false);
        open.setName("openModel");
        open.setToolTipText("Choose a .sda model to play (or drop one on the editor)");
        open.getAccessibleContext().setAccessibleName("Open model");
        open.addActionListener(e -> chooseWithDialog());
        browse.setName("browseModels");
        browse.setToolTipText("Show the model library (the trainer app's): search, tags, and play a model from it");
        browse.getAccessibleContext().setAccessibleName("Browse the model library");
        browse.addActionListener(e -> showBrowser(browse.isSelected()));
        playChosen.setName("playChosenModel");
        playChosen.setToolTipText("Play the model selected in the list (or double-click it, or press Enter)");
        playChosen.getAccessibleContext().setAccessibleName("Play the selected model");
        playChosen.setEnabled(false);
        playChosen.addActionListener(e -> playSelected());
        browser.setName("modelBrowser");
        browser.showColumns("Health", "Health", "Name", "Name", "Tags", "Tags", "Size", "Size", "Files", "Sounds",
                "Seconds", "Seconds");
        javax.swing.table.TableColumn healthColumn = browser.table().getColumnModel().getColumn(0);
        healthColumn.setMaxWidth(healthColumn.getMinWidth() + 8); // an 18-pixel thumbnail; the names get the room
        browser.onOpen(this::play);
        browser.table().getSelectionModel().addListSelectionListener(e -> updateButtons());
        browser.table().setPreferredScrollableViewportSize(new Dimension(360, 4 * browser.table().getRowHeight()));
        JPanel browserButtons = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.RIGHT, 0, 0));
        browserButtons.add(playChosen);
        browserArea.setName("modelBrowserArea");
        browserArea.setBorder(BorderFactory.createTitledBorder("Model library"));
        browserArea.add(browser, java.awt.BorderLayout.CENTER);
        browserArea.add(browserButtons, java.awt.BorderLayout.SOUTH);
        browserArea.setVisible(false);

        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(2, 4, 2, 4);
        c.anchor = GridBagConstraints.WEST;
        c.gridx = 0;
        c.gridy = 0;
        add(health, c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        add(name, c);
        c.gridx = 2;
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        add(browse, c);
        c.gridx = 3;
        add(open, c);
        c.gridx = 0;
        c.gridwidth = 4;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.gridy = 1;
        add(size, c);
        c.gridy = 2;
        add(status, c);
        c.gridy = 3;
        add(message, c);
        c.gridy = 4;
        c.weighty = 1;
        add(new JPanel(), c);
    }

    /** The browser's area (search, list, Play selected): the editor places it, hidden until Browse…. */
    JPanel browserArea() {
        return browserArea;
    }

    /** Event thread: {@code listener} places the browser's area when Browse… shows or hides it. */
    void onBrowserShown(java.util.function.Consumer<Boolean> listener) {
        browserShown = listener;
    }

    /** Event thread: shows or hides the library browser; showing opens the library, or reads its folder again. */
    void showBrowser(boolean show) {
        browse.setSelected(show);
        browserArea.setVisible(show);
        browserShown.accept(show);
        if (!show) {
            browser.stopPreview(); // a preview belongs to the browser: closing it ends the sound
            return;
        }
        if (library == null) {
            library = new CompletableFuture<>();
            browser.showStatus("Opening the model library " + libraryRoot + "…", false);
            CompletableFuture<ModelLibrary> opening = library;
            loader.execute(() -> {
                try {
                    ModelLibrary lib = ModelLibrary.open(libraryRoot);
                    ModelLibrary.SyncReport report = lib.sync();
                    SwingUtilities.invokeLater(() -> {
                        browser.setLibrary(lib, null);
                        opening.complete(lib);
                        showSyncProblems(report, lib.rebuildNote().orElse(null));
                    });
                } catch (LibraryException | RuntimeException e) {
                    SwingUtilities.invokeLater(() -> {
                        browser.setLibrary(null, "The model library cannot be used: " + e.getMessage());
                        opening.completeExceptionally(e);
                    });
                }
            });
        } else if (library.isDone() && !library.isCompletedExceptionally()) {
            ModelLibrary lib = library.join();
            loader.execute(() -> {
                try {
                    ModelLibrary.SyncReport report = lib.sync();
                    SwingUtilities.invokeLater(() -> {
                        browser.refresh();
                        showSyncProblems(report, null);
                    });
                } catch (LibraryException e) {
                    SwingUtilities.invokeLater(() -> browser.showStatus("The model library: " + e.getMessage(), true));
                }
            });
        }
    }

    /** Files in the library folder that are not models (damaged, foreign) are named under the list. */
    private void showSyncProblems(ModelLibrary.SyncReport report, String note) {
        java.util.List<String> said = new java.util.ArrayList<>();
        if (note != null) {
            said.add(note);
        }
        said.addAll(report.problems());
        if (said.isEmpty()) {
            browser.refresh(true); // says how many models there are
        } else {
            browser.showStatus("Not listed: " + String.join("; ", said), true);
        }
    }

    private void playSelected() {
        browser.selected().stream().findFirst().ifPresent(this::play);
    }

    /** Plays a model chosen in the browser, through the same path as the file dialog. */
    private void play(ModelEntry entry) {
        if (!loading) {
            load(entry.file());
        }
    }

    private void updateButtons() {
        open.setEnabled(!loading);
        playChosen.setEnabled(!loading && !browser.selected().isEmpty());
    }

    /** Event thread: closes the library (when the editor closes). */
    void dispose() {
        browser.stopPreview();
        if (library != null) {
            library.thenAccept(ModelLibrary::close);
        }
    }

    ModelBrowserPanel browser() {
        return browser;
    }

    /** Completes when Browse… has opened the library; null before Browse… is first used. */
    CompletableFuture<ModelLibrary> library() {
        return library;
    }

    /** A transfer handler that takes one dropped {@code .sda} file, for the whole editor. */
    TransferHandler dropHandler() {
        return new FileDrop(files -> {
            if (files.size() != 1) {
                showMessage("Drop one .sda model file (" + files.size() + " files were dropped).", true);
            } else {
                load(files.get(0));
            }
        }, message -> showMessage(message, true));
    }

    private void chooseWithDialog() {
        JFileChooser chooser = new JFileChooser(lastFolder == null ? null : lastFolder.toFile());
        chooser.setName("modelChooser");
        chooser.setDialogTitle("Choose a model");
        chooser.setFileFilter(new FileNameExtensionFilter("Small DataSet Audio models (*.sda)", "sda"));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            load(chooser.getSelectedFile().toPath());
        }
    }

    /**
     * Event thread: plays the model in {@code file} if it can play. Returns when loading starts;
     * the future completes (on the loader thread) with what the instrument said, after the
     * section shows it.
     */
    CompletableFuture<Instrument.RestoreResult> load(Path file) {
        lastFolder = file.toAbsolutePath().getParent();
        loading = true;
        updateButtons();
        health.set(HealthDot.State.BUSY);
        status.setText("Loading " + file.getFileName() + "…");
        CompletableFuture<Instrument.RestoreResult> done = new CompletableFuture<>();
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sda")) {
            Instrument.RestoreResult r = new Instrument.RestoreResult(false, file.toAbsolutePath()
                    + " is not a .sda model file. The model was refused; the model that plays keeps playing.");
            finish(r, done);
            return done;
        }
        loader.execute(() -> {
            Instrument.RestoreResult r;
            try {
                r = instrument.loadModel(file);
            } catch (RuntimeException e) {
                r = new Instrument.RestoreResult(false, "Model refused: " + file + ": " + e);
            }
            finish(r, done);
        });
        return done;
    }

    private void finish(Instrument.RestoreResult r, CompletableFuture<Instrument.RestoreResult> done) {
        SwingUtilities.invokeLater(() -> {
            loading = false;
            updateButtons();
            showMessage(r.ok() ? null : r.message(), true);
            refresh();
            done.complete(r);
        });
    }

    /** Event thread: shows a message under the status, or hides it for {@code null}. */
    void showMessage(String text, boolean problem) {
        message.setVisible(text != null);
        message.setText(text == null ? "" : text);
        message.setForeground(problem ? EditorLook.color("Sda.bad", Color.RED) : null);
        revalidate();
    }

    /** Event thread: reads what plays from the instrument (non-blocking reads). */
    void refresh() {
        Optional<ModelInfo> info = instrument.modelInfo();
        String line = instrument.status();
        if (!status.getText().equals(line)) {
            status.setText(line);
        }
        if (info.isPresent()) {
            ModelInfo m = info.get();
            name.setText(m.demo() ? m.name() + " · built-in demo model" : m.name());
            name.setToolTipText(m.file() == null ? null : m.file().toString());
            String facts = (m.sizeClass().isEmpty() ? "" : m.sizeClass() + " model · ")
                    + m.soundCount() + (m.soundCount() == 1 ? " sound" : " sounds") + " · "
                    + m.axes().size() + (m.axes().size() == 1 ? " control axis" : " control axes");
            size.setText(facts);
            boolean failing = line.contains("failed") || line.contains("no variation ready");
            health.set(line.startsWith("Loading") || line.contains("generating the first") ? HealthDot.State.BUSY
                    : failing ? HealthDot.State.WARN : HealthDot.State.GOOD);
        } else {
            name.setText(line.startsWith("Loading") ? "Loading…" : "No model playing");
            size.setText(" ");
            health.set(line.startsWith("Loading") ? HealthDot.State.BUSY : HealthDot.State.BAD);
        }
        health.getAccessibleContext().setAccessibleDescription(health.state().words());
        health.setToolTipText(health.state().words());
    }

    String statusText() {
        return status.getText();
    }

    String messageText() {
        return message.isVisible() ? message.getText() : "";
    }

    String modelName() {
        return name.getText();
    }

    HealthDot.State healthState() {
        return health.state();
    }

    private static JTextArea wrapping() {
        JTextArea t = new JTextArea(2, 28);
        t.setEditable(false);
        t.setLineWrap(true);
        t.setWrapStyleWord(true);
        t.setOpaque(false);
        t.setFocusable(false);
        t.setBorder(null);
        return t;
    }

    /** The health light: green plays, amber busy or struggling, red nothing plays. */
    static final class HealthDot extends JComponent {
        private static final long serialVersionUID = 1L;

        @Override
        public javax.accessibility.AccessibleContext getAccessibleContext() {
            if (accessibleContext == null) {
                accessibleContext = new AccessibleJComponent() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public javax.accessibility.AccessibleRole getAccessibleRole() {
                        return javax.accessibility.AccessibleRole.LABEL;
                    }
                };
            }
            return accessibleContext;
        }

        enum State {
            GOOD("Healthy: the model plays"), BUSY("Busy: loading or generating"),
            WARN("Struggling: see the status"), BAD("No model plays");

            private final String words;

            State(String words) {
                this.words = words;
            }

            String words() {
                return words;
            }
        }

        private State state = State.BUSY;

        HealthDot() {
            getAccessibleContext().setAccessibleName("Model health");
        }

        void set(State s) {
            if (s != state) {
                state = s;
                repaint();
            }
        }

        State state() {
            return state;
        }

        @Override
        public Dimension getPreferredSize() {
            java.awt.Font f = getFont() != null ? getFont() : javax.swing.UIManager.getFont("Label.font");
            int h = f == null ? 12 : getFontMetrics(f).getAscent();
            return new Dimension(h, h);
        }

        @Override
        public Dimension getMinimumSize() {
            return getPreferredSize();
        }

        @Override
        protected void paintComponent(Graphics g0) {
            Graphics2D g = (Graphics2D) g0.create();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(switch (state) {
                case GOOD -> EditorLook.color("Sda.good", Color.GREEN);
                case BUSY, WARN -> EditorLook.color("Sda.busy", Color.ORANGE);
                default -> EditorLook.color("Sda.bad", Color.RED);
            });
            int d = Math.min(getWidth(), getHeight()) - 2;
            g.fillOval((getWidth() - d) / 2, (getHeight() - d) / 2, d, d);
            g.dispose();
        }
    }

}
