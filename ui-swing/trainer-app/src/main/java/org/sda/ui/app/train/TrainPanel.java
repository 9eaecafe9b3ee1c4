package org.sda.ui.app.train;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.Timer;
import javax.swing.TransferHandler;
import javax.swing.UIManager;
import javax.swing.table.DefaultTableCellRenderer;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.DatasetImporter;
import org.sda.engine.dataset.FeatureCache;
import org.sda.engine.dataset.FileReport;
import org.sda.engine.dataset.ImportListener;
import org.sda.engine.dataset.ImportOptions;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModelFile;
import org.sda.engine.training.Stage;
import org.sda.engine.training.TrainerProcess;
import org.sda.engine.training.TrainingEvent;
import org.sda.ui.app.AppContext;
import org.sda.ui.app.AppSettings;
import org.sda.ui.app.library.LibraryPanel;
import org.sda.ui.common.FileDrop;
import org.sda.ui.common.CodebookHeatmap;
import org.sda.ui.common.HealthLight;
import org.sda.ui.common.TrainingCharts;

/**
 * The Train tab. Left: the folder, the import table (every file with its verdict, skipped ones with
 * their reason) and the settings. Right: Train / Cancel / Resume, progress with time left, the live
 * plots, and at the end the health light, the codebook usage heatmap and Save to the library.
 *
 * <p>Threads: the import, the heatmap and library saves run in {@link SwingWorker}s; the trainer is
 * its own process ({@link TrainerProcess}), whose events arrive on its reader thread and are handed
 * to the EDT with {@link SwingUtilities#invokeLater}. Everything else is on the EDT.
 */
public final class TrainPanel extends JPanel {

    /** Where a run is: what the buttons allow follows from it. */
    public enum State { EMPTY, IMPORTING, READY, TRAINING, STOPPING, DONE, CANCELLED, FAILED }

    private final AppContext context;
    private final AppSettings settings;
    private final LibraryPanel library;
    private final ImportTableModel importModel = new ImportTableModel();
    private final JTable importTable = new JTable(importModel);
    private final JLabel folderLabel = new JLabel("Drop a folder of sounds here, or choose one (Ctrl+O)");
    private final JLabel summary = new JLabel(" ");
    private final TrainSettingsPanel settingsPanel;
    private final JProgressBar progress = new JProgressBar(0, 1000);
    private final JLabel status = new JLabel(" ");
    private final TrainingCharts charts = new TrainingCharts();
    private final HealthLight healthLight = new HealthLight();
    private final CodebookHeatmap heatmap = new CodebookHeatmap();
    private final JTextArea log = new JTextArea(4, 40);
    private final SoundPlayer player = new SoundPlayer();
    private final Action chooseAction;
    private final Action trainAction;
    private final Action cancelAction;
    private final Action resumeAction;
    private final Action saveAction;
    private final Action playAction;
    private final Action playResultAction;
    private final javax.swing.JComboBox<ResultSound> results = new javax.swing.JComboBox<>();
    private final Timer clock;

    private State state = State.EMPTY;
    private List<Path> inputs = List.of();
    private Dataset dataset;
    private TrainerProcess trainer;
    private Path output;
    private long startedNanos;
    private Stage stage = Stage.VQVAE;
    private String stageWords = "";
    private List<SdaManifest.LevelHealth> lastHealth = List.of();
    private ModelEntry saved;
    private final List<TrainingEvent> events = new ArrayList<>();

    public TrainPanel(AppContext context, AppSettings settings, LibraryPanel library) {
        super(new BorderLayout());
        this.context = context;
        this.settings = settings;
        this.library = library;
        setName("trainPanel");
        settingsPanel = new TrainSettingsPanel(settings);
        chooseAction = action("Choose folder…", "Choose a folder of sounds (or drop one on this tab)", KeyEvent.VK_O,
                KeyEvent.CTRL_DOWN_MASK, e -> chooseFolder());
        trainAction = action("Train", "Train a model on the usable sounds", KeyEvent.VK_ENTER, KeyEvent.CTRL_DOWN_MASK,
                e -> start(false));
        cancelAction = action("Cancel", "Stop training; a checkpoint is kept so Resume can continue", KeyEvent.VK_ESCAPE,
                0, e -> cancel());
        resumeAction = action("Resume", "Continue the stopped training from its checkpoint", KeyEvent.VK_R,
                KeyEvent.CTRL_DOWN_MASK | KeyEvent.SHIFT_DOWN_MASK, e -> start(true));
        saveAction = action("Save to library", "Keep the trained model in the library", KeyEvent.VK_S,
                KeyEvent.CTRL_DOWN_MASK, e -> save());
        playAction = action("Play", "Play the selected sound", KeyEvent.VK_SPACE, 0, e -> playSelected());
        playResultAction = action("Listen", "Play the chosen original, reconstruction or generated sound",
                KeyEvent.VK_L, KeyEvent.CTRL_DOWN_MASK, e -> playResult());
        clock = new Timer(1000, e -> showProgress());

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, importSide(), trainingSide());
        split.setResizeWeight(0.45);
        split.setBorder(null);
        add(split);
        // Folders and files dropped on the tab.
        TransferHandler drop = new FileDrop(this::importFrom, this::problem);
        setTransferHandler(drop);
        importTable.setTransferHandler(drop);
        updateActions();
        if (!settings.lastFolder.isEmpty()) {
            folderLabel.setText("Last folder: " + settings.lastFolder + " (Ctrl+O to choose)");
        }
    }

    private JComponent importSide() {
        JPanel top = new JPanel(new BorderLayout(6, 0));
        top.add(button(chooseAction, "chooseFolder"), BorderLayout.WEST);
        folderLabel.setName("folderLabel");
        top.add(folderLabel, BorderLayout.CENTER);
        top.add(button(playAction, "playSound"), BorderLayout.EAST);
        importTable.setName("importTable");
        importTable.getAccessibleContext().setAccessibleName("Imported files");
        importTable.setFillsViewportHeight(true);
        importTable.setAutoCreateRowSorter(true);
        importTable.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        java.awt.FontMetrics fm = importTable.getFontMetrics(importTable.getFont());
        String[] widest = {"a-long-file-name.wav", "Sec", "44100", "Ch", "Peak dB", "validation", "corrupt or truncated",
            "not a recognised audio format"};
        for (int i = 0; i < widest.length; i++) {
            int w = fm.stringWidth(widest[i]) + fm.charWidth('m');
            importTable.getColumnModel().getColumn(i).setPreferredWidth(w);
            if (i > 0 && i < 6) {
                importTable.getColumnModel().getColumn(i).setMinWidth(w);
            }
        }
        importTable.getColumnModel().getColumn(ImportTableModel.VERDICT).setCellRenderer(new VerdictRenderer());
        importTable.getColumnModel().getColumn(7).setCellRenderer(new ReasonRenderer());
        importTable.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_SPACE, 0), "play");
        importTable.getActionMap().put("play", playAction);
        importTable.getSelectionModel().addListSelectionListener(e -> updateActions());
        summary.setName("importSummary");
        JPanel under = new JPanel(new BorderLayout(0, 4));
        under.add(summary, BorderLayout.NORTH);
        under.add(settingsPanel, BorderLayout.CENTER);
        JPanel side = new JPanel(new BorderLayout(0, 6));
        side.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 4));
        side.add(top, BorderLayout.NORTH);
        side.add(new JScrollPane(importTable), BorderLayout.CENTER);
        side.add(under, BorderLayout.SOUTH);
        return side;
    }

    private JComponent trainingSide() {
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        buttons.add(button(trainAction, "train"));
        buttons.add(button(cancelAction, "cancel"));
        buttons.add(button(resumeAction, "resume"));
        progress.setName("trainProgress");
        progress.setStringPainted(true);
        progress.setString("");
        progress.getAccessibleContext().setAccessibleName("Training progress");
        status.setName("trainStatus");
        JPanel controls = new JPanel();
        controls.setLayout(new BoxLayout(controls, BoxLayout.Y_AXIS));
        for (JComponent c : List.of(buttons, progress, status)) {
            c.setAlignmentX(Component.LEFT_ALIGNMENT);
            controls.add(c);
            controls.add(Box.createVerticalStrut(4));
        }
        log.setName("trainingLog");
        log.setEditable(false);
        log.setLineWrap(true);
        log.setWrapStyleWord(true);
        log.getAccessibleContext().setAccessibleName("Training messages");
        JPanel end = new JPanel(new BorderLayout(8, 0));
        end.setBorder(BorderFactory.createTitledBorder("Result"));
        JPanel left = new JPanel(new BorderLayout(0, 6));
        left.add(healthLight, BorderLayout.NORTH);
        results.setName("resultSounds");
        // A fixed width: a long file name must not squeeze the heatmap beside it.
        results.setPrototypeDisplayValue(new ResultSound("Reconstruction: a_sound.flac", new float[0], 1));
        results.getAccessibleContext().setAccessibleName("Sounds to listen to");
        results.setToolTipText("Training sounds, their reconstructions through the codes, and new sounds");
        JPanel listen = new JPanel(new BorderLayout(4, 4));
        listen.add(results, BorderLayout.CENTER);
        listen.add(button(playResultAction, "playResult"), BorderLayout.EAST);
        listen.add(button(saveAction, "saveToLibrary"), BorderLayout.SOUTH);
        left.add(listen, BorderLayout.SOUTH);
        healthLight.setVerticalAlignment(JLabel.TOP);
        end.add(left, BorderLayout.WEST);
        int line = healthLight.getFontMetrics(healthLight.getFont()).getHeight();
        heatmap.setPreferredSize(new Dimension(line * 20, line * 9));
        heatmap.setMinimumSize(new Dimension(line * 14, line * 7));
        end.add(heatmap, BorderLayout.CENTER);
        JScrollPane logScroll = new JScrollPane(log);
        logScroll.setPreferredSize(new Dimension(200, log.getFontMetrics(log.getFont()).getHeight() * 4 + 8));
        JPanel bottom = new JPanel(new BorderLayout(0, 6));
        bottom.add(logScroll, BorderLayout.NORTH);
        bottom.add(end, BorderLayout.CENTER);
        JPanel side = new JPanel(new BorderLayout(0, 6));
        side.setBorder(BorderFactory.createEmptyBorder(8, 4, 8, 8));
        side.add(controls, BorderLayout.NORTH);
        side.add(charts, BorderLayout.CENTER);
        side.add(bottom, BorderLayout.SOUTH);
        return side;
    }

    private AbstractAction action(String name, String tooltip, int key, int modifiers, Consumer<ActionEvent> body) {
        AbstractAction a = new AbstractAction(name) {
            public void actionPerformed(ActionEvent e) {
                if (isEnabled()) {
                    body.accept(e);
                }
            }
        };
        KeyStroke stroke = KeyStroke.getKeyStroke(key, modifiers);
        a.putValue(Action.SHORT_DESCRIPTION, tooltip + " (" + (modifiers == 0 ? "" : KeyEvent.getModifiersExText(
                modifiers) + "+") + KeyEvent.getKeyText(key) + ")");
        a.putValue(Action.ACCELERATOR_KEY, stroke);
        if (key != KeyEvent.VK_SPACE) {
            getInputMap(WHEN_IN_FOCUSED_WINDOW).put(stroke, name);
            getActionMap().put(name, a);
        }
        return a;
    }

    private static JButton button(Action a, String name) {
        JButton b = new JButton(a);
        b.setName(name);
        b.getAccessibleContext().setAccessibleName((String) a.getValue(Action.NAME));
        return b;
    }

    // ---- import -------------------------------------------------------------------------------

    private void chooseFolder() {
        JFileChooser chooser = new JFileChooser(settings.lastFolder.isEmpty() ? null : settings.lastFolder);
        chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        chooser.setMultiSelectionEnabled(true);
        chooser.setDialogTitle("Choose a folder of sounds (or some sound files)");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            List<Path> chosen = new ArrayList<>();
            for (File f : chooser.getSelectedFiles()) {
                chosen.add(f.toPath());
            }
            if (chosen.isEmpty() && chooser.getSelectedFile() != null) {
                chosen.add(chooser.getSelectedFile().toPath());
            }
            importFrom(chosen);
        }
    }

    /** Imports folders and/or files into the table (off the EDT), as choosing or dropping them does. */
    public void importFrom(List<Path> paths) {
        if (state == State.TRAINING || state == State.STOPPING || state == State.IMPORTING) {
            return;
        }
        inputs = List.copyOf(paths);
        dataset = null;
        importModel.setRows(List.of());
        String shown = paths.size() == 1 ? paths.get(0).toString() : paths.size() + " items";
        folderLabel.setText(shown);
        folderLabel.setToolTipText(shown);
        if (paths.size() == 1) {
            settings.lastFolder = paths.get(0).toString();
            settings.save();
            String base = paths.get(0).getFileName() == null ? "model" : paths.get(0).getFileName().toString()
                    .replaceFirst("\\.[A-Za-z0-9]+$", "");
            settingsPanel.name.setText(base);
        }
        setState(State.IMPORTING);
        summary.setText("Importing…");
        new SwingWorker<Dataset, FileReport>() {
            private int found;

            @Override
            protected Dataset doInBackground() throws Exception {
                for (Path p : paths) {
                    if (!Files.exists(p)) {
                        throw new IllegalArgumentException(p + " does not exist");
                    }
                }
                return new DatasetImporter(ImportOptions.defaults(), FeatureCache.atDefaultLocation(),
                        DatasetImporter.defaultThreads()).importFrom(paths, new ImportListener() {
                            @Override
                            public void scanned(int fileCount) {
                                found = fileCount;
                            }

                            @Override
                            public void fileDone(FileReport report, boolean fromCache) {
                                publish(report);
                            }
                        });
            }

            @Override
            protected void process(List<FileReport> chunks) {
                summary.setText("Importing… " + (importModel.getRowCount() + chunks.size()) + " of " + found);
                chunks.forEach(importModel::add);
            }

            @Override
            protected void done() {
                try {
                    imported(get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    summary.setText(" ");
                    problem("Cannot import " + shown + ": " + e.getCause().getMessage());
                    setState(State.EMPTY);
                }
            }
        }.execute();
    }

    private void imported(Dataset d) {
        importModel.setRows(d.reports());
        Dataset.Summary s = d.summary();
        String where = inputs.size() == 1 ? inputs.get(0).toString() : "the chosen files";
        if (s.filesFound() == 0) {
            dataset = null;
            summary.setText(" ");
            problem("The folder " + where + " has no files in it. Choose a folder with sounds (WAV, AIFF, FLAC, "
                    + "OGG, Opus or MP3).");
            setState(State.EMPTY);
            return;
        }
        if (s.usable() == 0) {
            dataset = null;
            summary.setText(s.filesFound() + " files, none usable");
            problem("None of the " + s.filesFound() + " files in " + where + " is usable audio: "
                    + skippedWords(s) + ". The table says why for each file.");
            setState(State.EMPTY);
            return;
        }
        dataset = d;
        summary.setText(String.format(Locale.ROOT, "<html>%d files: <b>%d usable</b> (%.1f s; %d train, %d "
                        + "validation), %d skipped%s<br>Size class <b>%s</b> (%s): suggested codebook <b>%d</b></html>",
                s.filesFound(), s.usable(), s.usableSeconds(), s.train(), s.validation(), s.skipped(),
                s.skipped() == 0 ? "" : " (" + skippedWords(s) + ")", s.sizeClass().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' '), s.sizeClass().range(), s.suggestedCodebookSize()));
        settingsPanel.setSuggestedCodebook(s.suggestedCodebookSize());
        say(s.sizeClass().ordinal() == 0 ? "Only " + s.usable() + " usable sounds: training works, but the model "
                + "will be weak (5 or more are better)." : "Ready to train on " + s.usable() + " sounds.", false);
        setState(State.READY);
        output = outputFor(settingsPanel.name.getText());
        updateActions();
    }

    private static String skippedWords(Dataset.Summary s) {
        List<String> parts = new ArrayList<>();
        s.skippedByVerdict().forEach((v, n) -> parts.add(n + " " + v.label()));
        return String.join(", ", parts);
    }

    private void playSelected() {
        int row = importTable.getSelectedRow();
        if (row < 0 || dataset == null) {
            return;
        }
        FileReport r = importModel.row(importTable.convertRowIndexToModel(row));
        for (ImportedClip c : dataset.clips()) {
            if (c.report().file().equals(r.file())) {
                player.play(c.audio(), dataset.options().modelSampleRate(), m -> say(m, true));
                say("Playing " + r.file().getFileName(), false);
                return;
            }
        }
        say(r.file().getFileName() + " was skipped (" + r.verdict().label() + "): nothing to play", true);
    }

    // ---- training -----------------------------------------------------------------------------

    private Path outputFor(String name) {
        String slug = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-+|-+$", "");
        slug = slug.isEmpty() ? "model" : slug;
        return context.workFolder().resolve(slug).resolve(slug + ".sda");
    }

    private void start(boolean resume) {
        if (context.trainerClassPath().isEmpty()) {
            problem("The trainer is not built: run ./mvnw -DskipTests package in the checkout (./sda app does it), "
                    + "or set SDA_TRAINER_CLASSPATH.");
            return;
        }
        if (dataset == null) {
            problem("Choose a folder with usable sounds first.");
            return;
        }
        if (!resume) {
            output = outputFor(settingsPanel.name.getText());
        }
        List<String> args = new ArrayList<>();
        inputs.forEach(p -> args.add(p.toString()));
        args.add("-o");
        args.add(output.toString());
        args.addAll(settingsPanel.trainerOptions());
        if (resume) {
            args.add("--resume");
        } else {
            charts.reset();
            lastHealth = List.of();
            heatmap.setCounts(new long[0][]);
            results.removeAllItems();
            healthLight.setVerdict(java.util.Optional.empty(), "");
            log.setText("");
            events.clear();
        }
        saved = null;
        stage = Stage.VQVAE;
        stageWords = "Training the autoencoder";
        startedNanos = System.nanoTime();
        setState(State.TRAINING);
        say((resume ? "Resuming from the checkpoint" : "Starting the trainer") + "…", false);
        clock.start();
        showProgress();
        Path folder = output.getParent();
        String classPath = context.trainerClassPath().get();
        // Starting a JVM takes a fork and exec: off the EDT, like everything that may take a while.
        new SwingWorker<TrainerProcess, Void>() {
            @Override
            protected TrainerProcess doInBackground() throws Exception {
                Files.createDirectories(folder);
                return TrainerProcess.start(classPath, args, event -> SwingUtilities.invokeLater(() -> onEvent(event)));
            }

            @Override
            protected void done() {
                try {
                    trainer = get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    clock.stop();
                    setState(dataset == null ? State.EMPTY : State.READY);
                    problem("The trainer could not be started in " + folder + ": " + e.getCause().getMessage());
                    return;
                }
                TrainerProcess started = trainer;
                trainer.exit().thenAccept(code -> SwingUtilities.invokeLater(() -> onExit(started, code)));
                if (state == State.STOPPING) {
                    trainer.cancel();
                }
            }
        }.execute();
    }

    private void cancel() {
        if (state != State.TRAINING) {
            return;
        }
        if (trainer != null) {
            trainer.cancel();
        }
        setState(State.STOPPING);
        say("Stopping: the trainer finishes its step and saves a checkpoint…", false);
    }

    /** One event from the trainer, on the EDT. */
    private void onEvent(TrainingEvent event) {
        events.add(event);
        charts.accept(event);
        if (event instanceof TrainingEvent.Epoch e) {
            stageWords = (e.stage() == Stage.PRIOR ? "Training the prior" : "Training the autoencoder") + " · epoch "
                    + e.epoch();
        } else if (event instanceof TrainingEvent.Step s) {
            if (s.stage() != stage) {
                stage = s.stage();
                startedNanos = System.nanoTime();
            }
            if (state == State.TRAINING) {
                say(String.format(Locale.ROOT, "%s · step %d · loss %.3f · %.1f steps/s", s.stage() == Stage.PRIOR
                        ? "Prior" : "Autoencoder", s.step(), s.loss(), s.stepsPerSecond()), false);
            }
        } else if (event instanceof TrainingEvent.Health h) {
            lastHealth = h.levels();
            healthLight.setHealth(h.levels());
        } else if (event instanceof TrainingEvent.Warning w) {
            append("Warning: " + w.message());
        } else if (event instanceof TrainingEvent.Info i) {
            append(i.message());
        } else if (event instanceof TrainingEvent.Checkpoint c) {
            append("Checkpoint saved at step " + c.step() + ": " + c.file());
        } else if (event instanceof TrainingEvent.Done d) {
            append(String.format(Locale.ROOT, "%s done (%s) after %d epoch%s, %.1f min", d.stage() == Stage.PRIOR
                    ? "Prior" : "Autoencoder", d.stoppedBecause(), d.epochs(), d.epochs() == 1 ? "" : "s",
                    d.minutes()));
            if (d.stage() == Stage.VQVAE && settingsPanel.prior.isSelected()) {
                stage = Stage.PRIOR;
                stageWords = "Training the prior";
                startedNanos = System.nanoTime();
            }
        } else if (event instanceof TrainingEvent.Error e) {
            append("Error: " + e.message());
        }
    }

    private void onExit(TrainerProcess which, int code) {
        if (which != trainer) {
            return;
        }
        clock.stop();
        boolean checkpoint = Files.isRegularFile(checkpointFile());
        if (code == 0 && Files.isRegularFile(output)) {
            setState(State.DONE);
            progress.setValue(progress.getMaximum());
            progress.setString("Done");
            say("Done: " + output.getFileName() + " is trained. Save it to the library to keep it.", false);
            finish();
        } else if (which.cancelled()) {
            setState(State.CANCELLED);
            progress.setString("Cancelled");
            say(checkpoint ? "Cancelled. The checkpoint " + checkpointFile() + " is kept: Resume continues from it."
                    : "Cancelled before the first checkpoint: Train starts again.", !checkpoint);
        } else {
            setState(State.FAILED);
            progress.setString("Failed");
            String why = events.stream().filter(e -> e instanceof TrainingEvent.Error)
                    .map(e -> ((TrainingEvent.Error) e).message()).reduce((a, b) -> b)
                    .orElse("the trainer stopped (exit code " + code + ")");
            problem("Training failed: " + why + (checkpoint ? " Resume continues from the last checkpoint." : ""));
        }
        updateActions();
    }

    /** A sound to listen to at the end of training. */
    record ResultSound(String label, float[] samples, int rate) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** What {@link #finish} measures off the EDT. */
    private record Finish(List<SdaManifest.LevelHealth> health, long[][] counts, List<ResultSound> sounds,
                          String problem) {
    }

    /**
     * The health light from the model's manifest (or the last health report), the codebook usage
     * heatmap, and sounds to listen to at once (a few training sounds and their reconstructions;
     * new sounds when the model has a prior), all made off the EDT.
     */
    private void finish() {
        Path model = output;
        List<ImportedClip> clips = dataset.clips();
        int rate = dataset.options().modelSampleRate();
        results.removeAllItems();
        new SwingWorker<Finish, Void>() {
            @Override
            protected Finish doInBackground() throws Exception {
                org.sda.engine.model.SdaModel read = SdaModelFile.read(model);
                List<SdaManifest.LevelHealth> health = read.manifest().training().health();
                long[][] counts = CodeUsage.count(model, clips);
                List<ResultSound> sounds = new ArrayList<>();
                String problem = null;
                try (org.sda.engine.inference.VqVaeRuntime runtime =
                             org.sda.engine.inference.VqVaeRuntime.open(read)) {
                    org.sda.engine.inference.Reconstructor reconstructor =
                            new org.sda.engine.inference.Reconstructor(runtime);
                    for (ImportedClip clip : clips.subList(0, Math.min(3, clips.size()))) {
                        String name = clip.report().file().getFileName().toString();
                        sounds.add(new ResultSound("Original: " + name, clip.audio(), rate));
                        org.sda.engine.audio.AudioBuffer back = reconstructor.reconstruct(
                                new org.sda.engine.audio.AudioBuffer(new float[][] {clip.audio()}, rate),
                                org.sda.engine.inference.Reconstructor.Listener.NONE).audio();
                        sounds.add(new ResultSound("Reconstruction: " + name, back.samples(), back.sampleRate()));
                    }
                    if (read.hasPrior()) {
                        try (org.sda.engine.generate.Generator generator = org.sda.engine.generate.Generator.open(read)) {
                            List<org.sda.engine.audio.AudioBuffer> made = generator.generate(
                                    org.sda.engine.generate.GenerationSettings.defaults().withSeconds(3), 3,
                                    org.sda.engine.generate.Generator.Listener.NONE);
                            for (int i = 0; i < made.size(); i++) {
                                sounds.add(new ResultSound("New sound " + (i + 1), made.get(i).samples(),
                                        made.get(i).sampleRate()));
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    problem = "The sounds to listen to could not be made: " + e.getMessage();
                }
                return new Finish(health, counts, sounds, problem);
            }

            @Override
            protected void done() {
                try {
                    Finish f = get();
                    healthLight.setHealth(f.health().isEmpty() ? lastHealth : f.health());
                    heatmap.setCounts(f.counts());
                    f.sounds().forEach(results::addItem);
                    if (f.problem() != null) {
                        append(f.problem());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    healthLight.setHealth(lastHealth);
                    append("The codebook usage could not be measured: " + e.getCause().getMessage());
                }
                updateActions();
            }
        }.execute();
    }

    private void playResult() {
        ResultSound sound = (ResultSound) results.getSelectedItem();
        if (sound != null) {
            player.play(sound.samples(), sound.rate(), m -> say(m, true));
            say("Playing " + sound.label(), false);
        }
    }

    /** The sounds offered to listen to at the end; for tests. */
    public List<String> resultSounds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < results.getItemCount(); i++) {
            out.add(results.getItemAt(i).label());
        }
        return out;
    }

    private void save() {
        if (state != State.DONE || saved != null) {
            return;
        }
        saveAction.setEnabled(false);
        library.save(output, settingsPanel.name.getText().strip(), e -> {
            saved = e;
            say("Saved \"" + e.name() + "\" to the library.", false);
            updateActions();
        });
    }

    private Path checkpointFile() {
        return output == null ? Path.of("none") : output.resolveSibling(output.getFileName() + ".ckpt");
    }

    /**
     * Asks before the window closes while training runs; stopping keeps a checkpoint. Returns
     * whether the window may close.
     */
    public boolean confirmClose() {
        if (trainer == null || !trainer.isAlive()) {
            player.stop();
            return state != State.TRAINING || trainer != null;
        }
        int answer = JOptionPane.showConfirmDialog(this, "A training is running. Stop it and close? A checkpoint is "
                + "kept, so it can be resumed later.", "Training is running", JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            return false;
        }
        trainer.cancel();
        trainer.exit().orTimeout(70, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> -1).join();
        return true;
    }

    // ---- showing ------------------------------------------------------------------------------

    private void showProgress() {
        if (state != State.TRAINING && state != State.STOPPING) {
            return;
        }
        double elapsed = (System.nanoTime() - startedNanos) / 60e9;
        double budget = stage == Stage.PRIOR ? Math.max(settingsPanel.budgetMinutes() / 2, 0.5)
                : settingsPanel.budgetMinutes();
        double left = Math.max(0, budget - elapsed);
        progress.setValue((int) Math.round(1000 * Math.min(1, elapsed / budget)));
        progress.setString(String.format(Locale.ROOT, "%s · %s elapsed · at most %s left", stageWords,
                clockText(elapsed), clockText(left)));
    }

    private static String clockText(double minutes) {
        long s = Math.round(minutes * 60);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void setState(State s) {
        state = s;
        updateActions();
    }

    private void updateActions() {
        boolean running = state == State.TRAINING || state == State.STOPPING;
        chooseAction.setEnabled(!running && state != State.IMPORTING);
        trainAction.setEnabled(dataset != null && !running && state != State.IMPORTING);
        cancelAction.setEnabled(state == State.TRAINING);
        resumeAction.setEnabled(!running && dataset != null && output != null && Files.isRegularFile(checkpointFile())
                && (state == State.CANCELLED || state == State.FAILED || state == State.READY));
        saveAction.setEnabled(state == State.DONE && saved == null);
        playAction.setEnabled(dataset != null && importTable.getSelectedRow() >= 0);
        playResultAction.setEnabled(results.getItemCount() > 0);
        settingsPanel.setEnabled(!running);
    }

    private void append(String line) {
        log.append((log.getDocument().getLength() == 0 ? "" : "\n") + line);
        log.setCaretPosition(log.getDocument().getLength());
    }

    private void say(String text, boolean problem) {
        status.setText(text);
        status.setForeground(problem ? UIManager.getColor("Component.error.focusedBorderColor")
                : UIManager.getColor("Label.foreground"));
    }

    private void problem(String text) {
        say(text, true);
        append(text);
    }

    // ---- for tests and the frame ----------------------------------------------------------------

    public State state() {
        return state;
    }

    public String statusText() {
        return status.getText();
    }

    public TrainingCharts charts() {
        return charts;
    }

    public HealthLight healthLight() {
        return healthLight;
    }

    public CodebookHeatmap heatmap() {
        return heatmap;
    }

    public List<TrainingEvent> events() {
        return List.copyOf(events);
    }

    public Path output() {
        return output;
    }

    public ModelEntry saved() {
        return saved;
    }

    public int importedRows() {
        return importModel.getRowCount();
    }

    /** Paints the verdict red for skipped files. */
    private static final class VerdictRenderer extends DefaultTableCellRenderer {
        @Override
        public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            Component c = super.getTableCellRendererComponent(table, value, selected, focus, row, column);
            if (!selected) {
                c.setForeground("ok".equals(value) ? new Color(0x2e7d32) : new Color(0xc62828));
            }
            return c;
        }
    }

    /** Shows the whole reason as a tooltip (it can be longer than the column). */
    private static final class ReasonRenderer extends DefaultTableCellRenderer {
        @Override
        public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            Component c = super.getTableCellRendererComponent(table, value, selected, focus, row, column);
            setToolTipText(value == null || value.toString().isEmpty() ? null : value.toString());
            return c;
        }
    }

}
