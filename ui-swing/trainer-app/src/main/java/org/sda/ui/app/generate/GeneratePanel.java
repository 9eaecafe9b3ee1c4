package org.sda.ui.app.generate;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.generate.ChunkPlan;
import org.sda.engine.generate.GenerationSettings;
import org.sda.engine.generate.Generator;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.ui.common.ExportDialog;
import org.sda.ui.common.Forms;
import org.sda.ui.common.SoundPlayer;

/**
 * The Generate tab: settings on the left (model, temperature, top-k, top-p, seed with re-roll
 * and lock, duration, count, the model's control axes with their safe and warning zones,
 * presets), Generate with progress and Cancel, and on the right the results of the last run and
 * the history of every run, with A/B.
 *
 * <p>A self-contained panel: the app frame adds it as a tab. The model and generation run off
 * the EDT in {@link SwingWorker}s; everything else is EDT only.
 */
public final class GeneratePanel extends JPanel {

    final JTextField modelField = Swing.named(new JTextField(24), "modelFile", "The model that generates (.sda)");
    final JButton chooseModel = Swing.named(new JButton("Choose…"), "chooseModel", "Choose a model file");
    final JSpinner temperature = Swing.named(new JSpinner(new SpinnerNumberModel(1.0, 0.0, 3.0, 0.05)), "temperature",
            "Temperature: below 1 stays closer to the training sounds, above 1 wanders further");
    final JSpinner topK = Swing.named(new JSpinner(new SpinnerNumberModel(0, 0, 4096, 1)), "topK",
            "Top-k: sample among the k likeliest codes (0: all)");
    final JSpinner topP = Swing.named(new JSpinner(new SpinnerNumberModel(1.0, 0.01, 1.0, 0.01)), "topP",
            "Top-p: sample among the likeliest codes that make up p of the probability");
    final JSpinner seed = Swing.named(new JSpinner(new SpinnerNumberModel(Long.valueOf(1), Long.valueOf(0),
            Long.valueOf(Long.MAX_VALUE), Long.valueOf(1))), "seed", "Random seed: the same seed and settings give the same sounds");
    final JButton reroll = Swing.named(new JButton("Re-roll"), "reroll", "Draw a new seed");
    final JCheckBox lock = Swing.named(new JCheckBox("Lock"), "lockSeed", "Keep this seed for the next Generate (otherwise a new one is drawn each time)");
    final JSpinner duration = Swing.named(new JSpinner(new SpinnerNumberModel(4.0, 0.25, 600.0, 0.25)), "duration", "Seconds per sound");
    final JSpinner count = Swing.named(new JSpinner(new SpinnerNumberModel(4, 1, 64, 1)), "count", "How many sounds");
    final JComboBox<PresetItem> presets = Swing.named(new JComboBox<>(), "presets", "Presets (.vstpreset, shared with the plugin)");
    final JButton savePreset = Swing.named(new JButton("Save preset…"), "savePreset", "Save these settings as a .vstpreset");
    final JButton generate = Swing.named(new JButton("Generate"), "generate", "Generate new sounds with these settings");
    final JButton cancel = Swing.named(new JButton("Cancel"), "cancelGenerate", "Stop generating");
    final JButton trainPrior = Swing.named(new JButton("Train a prior…"), "trainPrior", "This model cannot generate yet: train its prior");
    final JProgressBar progress = new JProgressBar();
    final JLabel status = new JLabel(" ");
    final JPanel axesPanel = new JPanel();
    final List<AxisSlider> axisSliders = new ArrayList<>();
    final ResultsPanel results;
    final HistoryPanel historyPanel;
    final JTabbedPane right = new JTabbedPane();

    private final GenerationHistory history;
    private final SoundPlayer player;
    private final Path presetFolder;
    private SdaModel model;
    private Generator generator;
    private SwingWorker<?, ?> running;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Consumer<Path> trainPriorHandler = path -> JOptionPane.showMessageDialog(this,
            "Train the prior in the Train tab, or run: sda train-prior " + path, "Train a prior", JOptionPane.INFORMATION_MESSAGE);

    /** A preset file in the combo box. */
    record PresetItem(Path file) {
        @Override
        public String toString() {
            String name = file.getFileName().toString();
            return name.endsWith(".vstpreset") ? name.substring(0, name.length() - ".vstpreset".length()) : name;
        }
    }

    /**
     * @param history where generated sounds are recorded
     * @param player the app's sound output
     * @param presetFolder where presets are kept (listed in the combo box)
     */
    public GeneratePanel(GenerationHistory history, SoundPlayer player, Path presetFolder) {
        super(new BorderLayout());
        setName("generatePanel");
        this.history = history;
        this.player = player;
        this.presetFolder = presetFolder;
        results = new ResultsPanel(sound -> player.play(sound.audio()), this::export, this::setAb);
        historyPanel = new HistoryPanel(history, player, this::regenerate, this::export);
        modelField.setEditable(false);
        seed.setEditor(new JSpinner.NumberEditor(seed, "#"));
        status.setName("generateStatus");
        progress.setName("generateProgress");
        progress.setStringPainted(true);
        progress.setString("");
        cancel.setEnabled(false);
        generate.setEnabled(false);
        trainPrior.setVisible(false);
        axesPanel.setLayout(new BoxLayout(axesPanel, BoxLayout.Y_AXIS));
        axesPanel.setName("axes");

        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        int row = 0;
        row = Forms.row(form, row, "Model", Forms.flow(modelField, chooseModel));
        row = Forms.row(form, row, "Preset", Forms.flow(presets, savePreset));
        row = Forms.row(form, row, "Temperature", temperature);
        row = Forms.row(form, row, "Top-k", topK);
        row = Forms.row(form, row, "Top-p", topP);
        row = Forms.row(form, row, "Seed", Forms.flow(seed, reroll, lock));
        row = Forms.row(form, row, "Duration (s)", duration);
        row = Forms.row(form, row, "Count", count);
        row = Forms.row(form, row, "Controls", axesPanel);
        row = Forms.row(form, row, "", Forms.flow(generate, cancel, trainPrior));
        row = Forms.row(form, row, "", progress);
        GridBagConstraints fill = new GridBagConstraints();
        fill.gridy = row;
        fill.gridwidth = 2;
        fill.weighty = 1;
        fill.fill = GridBagConstraints.BOTH;
        fill.anchor = GridBagConstraints.LINE_START;
        form.add(status, fill);

        right.setName("generateRight");
        right.addTab("Results", new JScrollPane(results));
        right.addTab("History", historyPanel);
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(form), right);
        split.setResizeWeight(0.35);
        add(split, BorderLayout.CENTER);

        chooseModel.addActionListener(e -> {
            JFileChooser chooser = new JFileChooser();
            if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                openModel(chooser.getSelectedFile().toPath());
            }
        });
        reroll.addActionListener(e -> seed.setValue((long) new SecureRandom().nextInt(1_000_000)));
        generate.addActionListener(e -> generate());
        cancel.addActionListener(e -> cancelled.set(true));
        trainPrior.addActionListener(e -> trainPriorHandler.accept(model == null ? null : model.file()));
        savePreset.addActionListener(e -> savePresetAs());
        presets.addActionListener(e -> {
            if (presets.getSelectedItem() instanceof PresetItem item) {
                loadPreset(item.file());
            }
        });
        reloadPresets();
    }

    /** What "Train a prior…" does: the frame connects it to the Train tab. */
    public void setTrainPriorHandler(Consumer<Path> handler) {
        trainPriorHandler = handler;
    }

    /** Opens a model in the background; a model without a prior explains and offers training. */
    public void openModel(Path file) {
        modelField.setText(file.toString());
        generate.setEnabled(false);
        status.setText("Opening " + file.getFileName() + "…");
        new SwingWorker<Generator, Void>() {
            private SdaModel loaded;

            @Override
            protected Generator doInBackground() throws Exception {
                loaded = SdaModelFile.read(file);
                return loaded.hasPrior() ? Generator.open(loaded) : null;
            }

            @Override
            protected void done() {
                try {
                    Generator opened = get();
                    if (generator != null) {
                        generator.close();
                    }
                    model = loaded;
                    generator = opened;
                    showAxes(model.manifest().analysis());
                    if (opened == null) {
                        trainPrior.setVisible(true);
                        error(file.getFileName() + " has no prior, so it cannot generate new sounds yet. "
                                + "Train one (a few minutes): Train a prior…");
                    } else {
                        trainPrior.setVisible(false);
                        generate.setEnabled(true);
                        info(model.manifest().name() + " is ready: " + model.manifest().vq().levels() + " levels, "
                                + model.manifest().vq().codebookSize() + " codes each");
                    }
                } catch (ExecutionException e) {
                    error(e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private void showAxes(SdaManifest.Analysis analysis) {
        axesPanel.removeAll();
        axisSliders.clear();
        if (analysis == null || analysis.axes().isEmpty()) {
            axesPanel.add(new JLabel("This model has no musical controls (sda model analyze adds them)"));
        } else {
            for (SdaManifest.Axis axis : analysis.axes()) {
                AxisSlider slider = new AxisSlider(axis);
                axisSliders.add(slider);
                axesPanel.add(slider);
            }
        }
        axesPanel.revalidate();
        axesPanel.repaint();
    }

    /** The settings as the controls show them. */
    public GenerationSettings settings() {
        return new GenerationSettings((Double) duration.getValue(), (Double) temperature.getValue(),
                (Integer) topK.getValue(), (Double) topP.getValue(), ((Number) seed.getValue()).longValue());
    }

    Map<String, Double> axisOffsets() {
        Map<String, Double> offsets = new LinkedHashMap<>();
        for (AxisSlider s : axisSliders) {
            if (s.value() != 0) {
                offsets.put(s.axis().name(), s.value());
            }
        }
        return offsets;
    }

    /** Generates with the current settings in the background; results arrive in the list and the history. */
    void generate() {
        if (generator == null || running != null) {
            return;
        }
        GenerationSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return;
        }
        int n = (Integer) count.getValue();
        Map<String, Double> offsets = axisOffsets();
        cancelled.set(false);
        results.clear();
        right.setSelectedIndex(0);
        generate.setEnabled(false);
        cancel.setEnabled(true);
        int frames = generator.framesFor(settings.seconds());
        int chunks = ChunkPlan.of(frames, generator.decoder().samplesPerFrame()).chunks();
        long total = (long) n * (frames + chunks);
        progress.setMaximum(1000);
        progress.setValue(0);
        info("Generating " + n + " sound" + (n == 1 ? "" : "s") + " of " + settings.seconds() + " s (seed " + settings.seed() + ")…");
        Generator g = generator;
        SdaModel m = model;
        SwingWorker<List<GeneratedSound>, Long> worker = new SwingWorker<>() {
            @Override
            protected List<GeneratedSound> doInBackground() throws Exception {
                AtomicInteger done = new AtomicInteger();
                Generator.Listener listener = new Generator.Listener() {
                    @Override
                    public void codes(int variation, int f, int t) {
                        step();
                    }

                    @Override
                    public void chunkDecoded(int variation, int d, int t) {
                        step();
                    }

                    private void step() {
                        if (cancelled.get()) {
                            throw new CancellationException("cancelled");
                        }
                        publish((long) done.incrementAndGet());
                    }
                };
                g.setAxisOffsets(offsets);
                List<AudioBuffer> sounds = g.generate(settings, n, listener);
                List<GeneratedSound> out = new ArrayList<>();
                for (int i = 0; i < sounds.size(); i++) {
                    GenerationHistory.Entry entry = history.add(m.file(), m.manifest().name(), m.contentHash(), settings,
                            n, i, offsets, sounds.get(i));
                    out.add(new GeneratedSound(sounds.get(i), entry));
                }
                return out;
            }

            @Override
            protected void process(List<Long> chunks) {
                long last = chunks.get(chunks.size() - 1);
                progress.setValue((int) Math.min(1000, last * 1000 / Math.max(1, total)));
                progress.setString(String.format("%d %%", Math.min(100, last * 100 / Math.max(1, total))));
            }

            @Override
            protected void done() {
                running = null;
                generate.setEnabled(generator != null);
                cancel.setEnabled(false);
                try {
                    List<GeneratedSound> made = get();
                    made.forEach(results::add);
                    progress.setValue(1000);
                    progress.setString("done");
                    info(made.size() + " sound" + (made.size() == 1 ? "" : "s") + " made with seed " + settings.seed()
                            + "; in the history too");
                    historyPanel.refresh();
                    if (!lock.isSelected()) {
                        seed.setValue((long) new SecureRandom().nextInt(1_000_000));
                    }
                } catch (ExecutionException e) {
                    if (cancelled.get()) {
                        progress.setValue(0);
                        progress.setString("cancelled");
                        info("Cancelled; nothing was recorded");
                    } else {
                        error("Generation failed: " + rootMessage(e));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        running = worker;
        worker.execute();
    }

    /** Whether a generation is running. */
    public boolean isGenerating() {
        return running != null;
    }

    public List<GeneratedSound> results() {
        return results.sounds();
    }

    /**
     * Generates an entry's batch again and returns its variation (in the background); the
     * result is compared with the stored audio by the caller.
     */
    SwingWorker<AudioBuffer, Void> regenerate(GenerationHistory.Entry entry, Consumer<Optional<AudioBuffer>> whenDone) {
        SdaModel current = model;
        SwingWorker<AudioBuffer, Void> worker = new SwingWorker<>() {
            @Override
            protected AudioBuffer doInBackground() throws Exception {
                SdaModel m = current != null && current.contentHash().equals(entry.modelHash()) ? current
                        : SdaModelFile.read(entry.modelPath());
                if (!m.contentHash().equals(entry.modelHash())) {
                    throw new IOException(entry.modelPath() + " has changed since this sound was made (its content hash differs)");
                }
                try (Generator g = Generator.open(m)) {
                    g.setAxisOffsets(entry.axes());
                    return g.generate(entry.settings(), entry.count(), Generator.Listener.NONE).get(entry.variation());
                }
            }

            @Override
            protected void done() {
                try {
                    whenDone.accept(Optional.of(get()));
                } catch (ExecutionException e) {
                    error("Regenerating failed: " + rootMessage(e));
                    whenDone.accept(Optional.empty());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        worker.execute();
        return worker;
    }

    private void setAb(int which, GeneratedSound sound) {
        historyPanel.setAb(which, sound.entry());
        right.setSelectedIndex(1);
    }

    private void export(GeneratedSound sound) {
        Path suggested = Path.of(System.getProperty("user.home"), sound.entry().modelName() + "-" + sound.entry().settings().seed()
                + "-" + (sound.entry().variation() + 1) + ".wav");
        ExportDialog.ask(SwingUtilities.getWindowAncestor(this), suggested).ifPresent(choice -> {
            info("Exporting " + choice.file().getFileName() + "…");
            new SwingWorker<AudioExporter.Result, Void>() {
                @Override
                protected AudioExporter.Result doInBackground() throws Exception {
                    return AudioExporter.export(sound.audio(), choice.file(), choice.settings());
                }

                @Override
                protected void done() {
                    try {
                        info("Exported " + get().summary());
                    } catch (ExecutionException e) {
                        error(rootMessage(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }.execute();
        });
    }

    // ---- presets

    /** Lists the preset folder's .vstpreset files in the combo box. */
    public void reloadPresets() {
        DefaultComboBoxModel<PresetItem> items = new DefaultComboBoxModel<>();
        if (presetFolder != null && Files.isDirectory(presetFolder)) {
            try (var files = Files.list(presetFolder)) {
                files.filter(p -> p.toString().endsWith(".vstpreset")).sorted().forEach(p -> items.addElement(new PresetItem(p)));
            } catch (IOException e) {
                error(presetFolder + ": presets cannot be listed: " + e.getMessage());
            }
        }
        items.setSelectedItem(null);
        presets.setModel(items);
    }

    /** The settings as a preset. */
    public GeneratePreset preset() {
        double[] percents = axisSliders.stream().mapToDouble(AxisSlider::percent).toArray();
        return new GeneratePreset((Double) temperature.getValue(), (Integer) topK.getValue(), (Double) topP.getValue(),
                ((Number) seed.getValue()).longValue(), lock.isSelected(), (Double) duration.getValue(),
                (Integer) count.getValue(), axisOffsets(), percents);
    }

    /** Applies a preset file to the controls. */
    public void loadPreset(Path file) {
        try {
            GeneratePreset p = GeneratePreset.read(file, preset());
            temperature.setValue(p.temperature());
            topK.setValue(p.topK());
            topP.setValue(p.topP());
            seed.setValue(p.seed());
            lock.setSelected(p.lock());
            duration.setValue(p.duration());
            count.setValue(p.count());
            for (AxisSlider s : axisSliders) {
                s.setValue(p.axes().getOrDefault(s.axis().name(), 0.0));
            }
            info("Preset " + file.getFileName() + " applied");
        } catch (IOException | IllegalArgumentException e) {
            error(e.getMessage());
        }
    }

    private void savePresetAs() {
        String name = JOptionPane.showInputDialog(this, "Preset name", "My preset");
        if (name == null || name.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(presetFolder);
            Path file = presetFolder.resolve(name.replaceAll("[^A-Za-z0-9 ._-]", "_") + ".vstpreset");
            preset().write(file);
            reloadPresets();
            info("Saved " + file);
        } catch (IOException e) {
            error(e.getMessage());
        }
    }

    // ---- helpers

    void info(String text) {
        status.setForeground(javax.swing.UIManager.getColor("Label.foreground"));
        status.setText("<html>" + escape(text) + "</html>");
    }

    void error(String text) {
        status.setForeground(new Color(0xC0392B));
        status.setText("<html>" + escape(text) + "</html>");
    }

    /** The status line's text, without markup. */
    public String statusText() {
        return status.getText().replaceAll("<[^>]+>", "");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Closes the generator (when the app closes). */
    public void close() {
        if (generator != null) {
            generator.close();
        }
    }
}
