package org.sda.ui.editor;

import java.awt.BorderLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.GridLayout;
import java.awt.Insets;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.Timer;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.instrument.ModelInfo;
import org.sda.engine.instrument.PlayedVariation;
import org.sda.engine.instrument.PoolView;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.engine.library.ModelLibrary;
import org.sda.engine.model.SdaManifest;
import org.sda.ui.common.Knob;
import org.sda.ui.common.PianoKeys;
import org.sda.ui.common.WaveformView;

/**
 * The instrument's editor: the Model section, a knob for every parameter (Controls 1–3 named
 * after the model's axes, with their safe zones), the pool of variations, the preset bar and an
 * on-screen keyboard (the computer keyboard plays it too while the editor's window has focus).
 *
 * <p>Edits go through a {@link ParameterEditor} (the host's, or the standalone host's direct
 * one); notes through a {@link PlayedInstrument}. The panel observes the instrument: a Swing
 * timer on the event thread reads its non-blocking views (parameters, status, pool) five times a
 * second, so a host's automation moves the knobs. Model loading, presets and the disk run on one
 * loader thread; their results come back through {@code SwingUtilities.invokeLater}. Build, use
 * and {@link #dispose} it on the event thread.
 */
public final class EditorPanel extends JPanel {

    private static final long serialVersionUID = 1L;
    private static final int REFRESH_MILLIS = 200;
    /** The note of Z on the computer keyboard. */
    private static final int COMPUTER_KEYS_BASE = 60;

    private final PlayedInstrument played;
    private final Instrument instrument;
    private final ParameterEditor edits;
    private final ExecutorService loader;
    private final ModelSection model;
    private final PresetBar presets;
    private final Map<InstrumentParameter, Knob> knobs = new EnumMap<>(InstrumentParameter.class);
    private final double[] lastSeen = new double[InstrumentParameter.values().length];
    private final JLabel poolReady = new JLabel(" ");
    private final JLabel poolNext = new JLabel(" ");
    private final JToggleButton lock = new JToggleButton("Lock variation");
    private final WaveformView lastWave = new WaveformView();
    private final JLabel lastCaption = new JLabel(" ");
    /** What {@link #lastWave} shows: index, epoch, frames, rate of the variation; null for none. */
    private long[] lastShown = new long[0]; // nothing drawn yet: the first refresh draws

    private final PianoKeys keys = new PianoKeys(48, 84);
    private final BitSet computerKeysHeld = new BitSet();
    private final Timer refresh;
    private final Random seeds = new Random();
    private List<String> shownAxes = List.of();

    /**
     * @param played the instrument and the way notes reach its render thread
     * @param edits where parameter edits go
     * @param library where presets are
     */
    public EditorPanel(PlayedInstrument played, ParameterEditor edits, PresetLibrary library) {
        this(played, edits, library, ModelLibrary.defaultRoot());
    }

    /**
     * @param played the instrument and the way notes reach its render thread
     * @param edits where parameter edits go
     * @param library where presets are
     * @param modelLibrary the model library's folder, which Browse… lists (the trainer app's)
     */
    public EditorPanel(PlayedInstrument played, ParameterEditor edits, PresetLibrary library, Path modelLibrary) {
        super(new BorderLayout(6, 6));
        this.played = played;
        this.instrument = played.instrument();
        this.edits = edits;
        this.loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sda-editor-loader");
            t.setDaemon(true);
            return t;
        });
        setName("editorPanel");
        setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        model = new ModelSection(instrument, loader, modelLibrary);
        presets = new PresetBar(instrument, library, loader, text -> model.showMessage(text, true),
                edits::stateRestored);
        for (InstrumentParameter p : InstrumentParameter.values()) {
            knobs.put(p, knob(p));
            lastSeen[p.id()] = Double.NaN;
        }

        add(presets, BorderLayout.NORTH);
        JPanel middle = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.fill = GridBagConstraints.BOTH;
        c.insets = new Insets(0, 0, 6, 6);
        c.weightx = 1;
        c.weighty = 0;
        c.gridx = 0;
        c.gridy = 0;
        c.gridwidth = 2;
        middle.add(model, c);
        c.gridx = 2;
        c.gridwidth = 1;
        c.weightx = 0.5;
        JPanel pool = poolSection();
        middle.add(pool, c);
        c.gridy = 1;
        c.gridx = 0;
        c.weighty = 1;
        c.weightx = 0.6;
        List<JPanel> knobSections = new ArrayList<>();
        knobSections.add(section("Controls", InstrumentParameter.CONTROL_1, InstrumentParameter.CONTROL_2,
                InstrumentParameter.CONTROL_3));
        middle.add(knobSections.get(0), c);
        c.gridx = 1;
        c.weightx = 1;
        knobSections.add(section("Sound", InstrumentParameter.GAIN, InstrumentParameter.ATTACK,
                InstrumentParameter.DECAY, InstrumentParameter.SUSTAIN, InstrumentParameter.RELEASE,
                InstrumentParameter.KEYTRACK, InstrumentParameter.ROOT_NOTE, InstrumentParameter.PITCH_BEND,
                InstrumentParameter.MOD_WHEEL));
        middle.add(knobSections.get(1), c);
        c.gridx = 2;
        c.weightx = 0.8;
        knobSections.add(section("Generation", InstrumentParameter.TEMPERATURE, InstrumentParameter.TOP_K,
                InstrumentParameter.TOP_P, InstrumentParameter.VARIATION_SEED, InstrumentParameter.VARIATION_LOCK,
                InstrumentParameter.POOL_SIZE));
        middle.add(knobSections.get(2), c);
        // The model browser takes the knobs' place while it is open (the keyboard stays, to try the
        // model chosen): the editor keeps its size in the host's window.
        c.gridx = 0;
        c.gridwidth = 3;
        c.weightx = 1;
        JPanel browserArea = model.browserArea();
        browserArea.setVisible(false);
        middle.add(browserArea, c);
        model.onBrowserShown(shown -> {
            int height = knobSections.get(0).getHeight() > 0 ? knobSections.get(0).getHeight()
                    : knobSections.get(0).getPreferredSize().height;
            browserArea.setPreferredSize(new java.awt.Dimension(1, Math.max(height, 160)));
            // The knobs' columns set the pool's width; without them it keeps the width it had, so the
            // pool does not jump sideways while the browser is open.
            GridBagLayout grid = (GridBagLayout) middle.getLayout();
            GridBagConstraints pc = grid.getConstraints(pool);
            if (shown && pool.getWidth() > 0) {
                pool.setPreferredSize(new java.awt.Dimension(pool.getWidth(), pool.getPreferredSize().height));
                pc.weightx = 0;
            } else if (!shown) {
                pool.setPreferredSize(null);
                pc.weightx = 0.5;
            }
            grid.setConstraints(pool, pc);
            knobSections.forEach(k -> k.setVisible(!shown));
            browserArea.setVisible(shown);
            middle.revalidate();
            middle.repaint();
        });

        keys.setName("keyboard");
        keys.addNoteListener(new PianoKeys.NoteListener() {
            @Override
            public void noteOn(int key, float velocity) {
                played.noteOn(key, velocity);
            }

            @Override
            public void noteOff(int key) {
                played.noteOff(key);
            }
        });
        // The sections keep their height; a taller window gives the space to the keyboard, whose
        // keys get longer (at first the sections stretched and framed empty space under the knobs).
        JPanel body = new JPanel(new BorderLayout(6, 6));
        body.add(middle, BorderLayout.NORTH);
        body.add(keys, BorderLayout.CENTER);
        add(body, BorderLayout.CENTER);
        bindComputerKeys();
        setTransferHandler(model.dropHandler());

        refresh = new Timer(REFRESH_MILLIS, e -> refresh());
        refresh.start();
        refresh();
    }

    /** The knob of a parameter (tests, and a host that wants to focus one). */
    public Knob knobOf(InstrumentParameter p) {
        return knobs.get(p);
    }

    /**
     * Event thread: the host set parameter {@code id} (automation, its generic slider): the knob
     * follows without reporting an edit back. The instrument itself hears it through the host's
     * processing, and the five-times-a-second refresh then agrees.
     */
    public void showHostValue(int id, double normalized) {
        InstrumentParameter p;
        try {
            p = InstrumentParameter.byId(id);
        } catch (IllegalArgumentException e) {
            return;
        }
        knobs.get(p).setValue(normalized);
        if (p == InstrumentParameter.VARIATION_LOCK) {
            lock.setSelected(normalized >= 0.5);
        }
    }

    /** Event thread: plays the model in {@code file}, as the file dialog or a drop would. */
    public CompletableFuture<Instrument.RestoreResult> loadModel(Path file) {
        return model.load(file);
    }

    /** Event thread: loads a preset file, as the preset bar would. */
    public CompletableFuture<Instrument.RestoreResult> loadPreset(Path file) {
        return presets.load(file);
    }

    /** Event thread: saves the sound as a user preset, as Save as… would. */
    public CompletableFuture<Path> savePreset(String name) {
        return presets.save(name);
    }

    /** Event thread: reads the instrument again now (the timer does it five times a second). */
    public void refresh() {
        for (InstrumentParameter p : InstrumentParameter.values()) {
            double v = instrument.parameter(p.id());
            // Only a change in the instrument moves a knob: an edit on its way to the render
            // thread must not be undone by the value from before it.
            if (Double.compare(v, lastSeen[p.id()]) != 0) {
                lastSeen[p.id()] = v;
                knobs.get(p).setValue(v);
            }
        }
        lock.setSelected(instrument.parameter(InstrumentParameter.VARIATION_LOCK.id()) >= 0.5);
        model.refresh();
        refreshPool();
        refreshAxes(instrument.modelInfo());
    }

    /** Event thread: stops the timer and the loader thread. The instrument is the caller's. */
    public void dispose() {
        refresh.stop();
        loader.shutdownNow();
        model.dispose();
    }

    /** Event thread: shows or hides the model library's browser, as Browse… does. */
    public void showModelBrowser(boolean show) {
        model.showBrowser(show);
    }

    ModelSection modelSection() {
        return model;
    }

    String statusText() {
        return model.statusText();
    }

    String messageText() {
        return model.messageText();
    }

    String modelName() {
        return model.modelName();
    }

    String presetName() {
        return presets.currentName();
    }

    String poolText() {
        return poolReady.getText() + " " + poolNext.getText();
    }

    WaveformView lastPlayedWaveform() {
        return lastWave;
    }

    String lastPlayedText() {
        return lastCaption.getText();
    }

    PianoKeys keyboard() {
        return keys;
    }

    private Knob knob(InstrumentParameter p) {
        Knob k = new Knob(p.title(), p.defaultNormalized(), p.stepCount(), n -> ParameterText.of(p, n));
        k.setName("knob." + p.name());
        k.setShortTitle(p.shortTitle());
        k.setValue(instrument.parameter(p.id()));
        k.addListener(new Knob.Listener() {
            @Override
            public void editStarted(Knob knob) {
                edits.beginEdit(p.id());
            }

            @Override
            public void valueChanged(Knob knob, double normalized) {
                edits.performEdit(p.id(), normalized);
            }

            @Override
            public void editEnded(Knob knob) {
                edits.endEdit(p.id());
            }
        });
        return k;
    }

    private JPanel section(String title, InstrumentParameter... ps) {
        JPanel grid = new JPanel(new GridLayout(0, ps.length > 4 ? (ps.length + 1) / 2 : ps.length, 4, 4));
        for (InstrumentParameter p : ps) {
            grid.add(knobs.get(p));
        }
        // Knobs keep their height at the top; a taller window gives the space to the keyboard's row.
        JPanel section = new JPanel(new BorderLayout());
        section.setName("section." + title);
        section.setBorder(BorderFactory.createTitledBorder(title));
        section.add(grid, BorderLayout.NORTH);
        return section;
    }

    private JPanel poolSection() {
        JPanel pool = new JPanel(new GridBagLayout());
        pool.setBorder(BorderFactory.createTitledBorder("Pool"));
        poolReady.setName("poolReady");
        poolNext.setName("poolNext");
        JButton reroll = new JButton("Re-roll seed");
        reroll.setName("rerollSeed");
        reroll.setToolTipText("A new variation seed: the pool fills with new sounds");
        reroll.getAccessibleContext().setAccessibleName("Re-roll the variation seed");
        reroll.addActionListener(e -> reroll());
        lock.setName("lockVariation");
        lock.setToolTipText("Every note plays the same variation (variation 0 of the seed)");
        lock.getAccessibleContext().setAccessibleName("Lock the variation");
        lock.addActionListener(e -> edit(InstrumentParameter.VARIATION_LOCK, lock.isSelected() ? 1 : 0));
        lastWave.setName("poolLastPlayed");
        lastWave.getAccessibleContext().setAccessibleName("Waveform of the last played variation");
        lastWave.setToolTipText("The variation the last note played, as generated (before its envelope and pitch)");
        // A strip as tall as two lines of text: the section keeps the Model section's height.
        int lineHeight = lastCaption.getFontMetrics(lastCaption.getFont()).getHeight();
        lastWave.setPreferredSize(new java.awt.Dimension(12 * lineHeight, 2 * lineHeight));
        lastWave.setMinimumSize(new java.awt.Dimension(4 * lineHeight, 2 * lineHeight));
        lastCaption.setName("poolLastPlayedCaption");
        lastCaption.getAccessibleContext().setAccessibleName("Last played variation");
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(2, 4, 2, 4);
        c.gridx = 0;
        c.gridwidth = 2;
        c.weightx = 1;
        c.gridy = 0;
        pool.add(poolReady, c);
        c.gridy = 1;
        pool.add(poolNext, c);
        c.gridy = 2;
        pool.add(lastCaption, c);
        c.gridy = 3;
        c.fill = GridBagConstraints.HORIZONTAL;
        pool.add(lastWave, c);
        c.fill = GridBagConstraints.NONE;
        c.gridy = 4;
        c.gridwidth = 1;
        c.weightx = 0;
        pool.add(reroll, c);
        c.gridx = 1;
        c.weightx = 1;
        pool.add(lock, c);
        c.gridy = 5;
        c.weighty = 1;
        pool.add(new JPanel(), c); // keeps the rows at the top when the row is tall
        return pool;
    }

    private void reroll() {
        InstrumentParameter p = InstrumentParameter.VARIATION_SEED;
        int now = (int) Math.round(p.toPlain(instrument.parameter(p.id())));
        int next = seeds.nextInt((int) p.max());
        if (next >= now) {
            next++; // never the same seed again
        }
        edit(p, p.toNormalized(next));
    }

    /** One whole edit of a parameter from a button. */
    private void edit(InstrumentParameter p, double normalized) {
        edits.beginEdit(p.id());
        edits.performEdit(p.id(), normalized);
        edits.endEdit(p.id());
        knobs.get(p).setValue(normalized);
    }

    private void refreshPool() {
        refreshLastPlayed(instrument.lastPlayed().orElse(null));
        PoolView v = instrument.poolView();
        if (v.poolSize() == 0) {
            poolReady.setText("No pool: no model plays");
            poolNext.setText(" ");
            return;
        }
        poolReady.setText(v.ready() + " of " + v.poolSize() + " new variations ready (" + v.generated() + " made)");
        poolNext.setText(v.nextIndex() < 0 ? "Next note: waiting for a variation"
                : v.locked() ? "Locked: every key plays variation " + v.nextIndex()
                : "Every key plays variation " + v.nextIndex() + " next");
    }

    /**
     * Draws the last played variation when a note played another one (five times a second at
     * most). A note that replays the one shown (the variation lock, or generation behind) draws
     * nothing: the picture is the same.
     */
    private void refreshLastPlayed(PlayedVariation last) {
        long[] now = last == null ? null : new long[] {last.index(), last.epoch(),
            last.samples().remaining(), last.sampleRate()};
        if (java.util.Arrays.equals(now, lastShown)) {
            return;
        }
        lastShown = now;
        if (last == null) {
            lastWave.setMono(null);
            lastCaption.setText("Last played: no note yet");
        } else {
            lastWave.setMono(last.samples());
            lastCaption.setText(String.format(java.util.Locale.ROOT, "Last played: variation %d (%.1f s)",
                    last.index(), last.seconds()));
        }
        lastWave.getAccessibleContext().setAccessibleDescription(lastCaption.getText());
    }

    private void refreshAxes(Optional<ModelInfo> info) {
        List<SdaManifest.Axis> axes = info.map(ModelInfo::axes).orElse(List.of());
        List<String> names = new ArrayList<>();
        for (SdaManifest.Axis a : axes) {
            names.add(a.name());
        }
        if (names.equals(shownAxes) && !knobs.get(InstrumentParameter.CONTROL_1).zones().isEmpty()) {
            return;
        }
        shownAxes = names;
        for (int i = 0; i < InstrumentParameter.CONTROLS.size(); i++) {
            Knob k = knobs.get(InstrumentParameter.CONTROLS.get(i));
            SdaManifest.Axis axis = i < axes.size() ? axes.get(i) : null;
            k.setZones(ControlZones.of(axis));
            String label = axis == null ? "Control " + (i + 1) + " (no axis)" : capitalised(axis.name());
            k.getAccessibleContext().setAccessibleName(label);
            k.setTitle(label);
            k.setShortTitle(axis == null ? "Ctl" + (i + 1) : null);
            k.setToolTipText("<html>" + label + (axis == null ? ": this model has no axis here"
                    : ": moves the sound along its " + axis.descriptor() + " axis<br>"
                    + "green: inside the sounds it learned; amber: near their edge") + "</html>");
            axisLabels.put(k, label);
            k.repaint();
        }
    }

    /** Control knobs show their axis as their title. */
    private final Map<Knob, String> axisLabels = new java.util.HashMap<>();

    /** The title Control {@code index+1} shows (its axis name). */
    String controlLabel(int index) {
        return axisLabels.getOrDefault(knobs.get(InstrumentParameter.CONTROLS.get(index)), "");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void bindComputerKeys() {
        for (int code = KeyEvent.VK_0; code <= KeyEvent.VK_Z; code++) {
            int note = PianoKeys.noteForKeyCode(code, COMPUTER_KEYS_BASE);
            if (note < 0) {
                continue;
            }
            int keyCode = code;
            String on = "note-on-" + code;
            String off = "note-off-" + code;
            getInputMap(WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(code, 0, false), on);
            getInputMap(WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(code, 0, true), off);
            getActionMap().put(on, new AbstractAction() {
                private static final long serialVersionUID = 1L;

                @Override
                public void actionPerformed(ActionEvent e) {
                    if (!computerKeysHeld.get(keyCode)) { // held keys repeat: one note
                        computerKeysHeld.set(keyCode);
                        played.noteOn(note, 0.8f);
                        keys.setHeld(note, true);
                    }
                }
            });
            getActionMap().put(off, new AbstractAction() {
                private static final long serialVersionUID = 1L;

                @Override
                public void actionPerformed(ActionEvent e) {
                    if (computerKeysHeld.get(keyCode)) {
                        computerKeysHeld.clear(keyCode);
                        played.noteOff(note);
                        keys.setHeld(note, false);
                    }
                }
            });
        }
    }
}
