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
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.ModelInfo;
import org.sda.ui.common.FileDrop;

/**
 * The editor's Model section: what plays (name, size class, sound count), a health light, the
 * instrument's status in plain words, and the ways to choose another model (a file dialog, or a
 * {@code .sda} dropped on the editor). A file that cannot play is refused with a message naming
 * it; the model that plays keeps playing (the instrument's own rule). Loading runs on the editor's
 * loader thread; results reach the event thread through {@code SwingUtilities.invokeLater}.
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
    private Path lastFolder;

    ModelSection(Instrument instrument, ExecutorService loader) {
        super(new GridBagLayout());
        this.instrument = instrument;
        this.loader = loader;
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
        add(open, c);
        c.gridx = 0;
        c.gridwidth = 3;
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
        open.setEnabled(false);
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
            open.setEnabled(true);
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
        private static final long serialVersionUID = 1L;

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
