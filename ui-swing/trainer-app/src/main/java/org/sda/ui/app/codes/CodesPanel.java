package org.sda.ui.app.codes;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JSpinner;
import javax.swing.JSplitPane;
import javax.swing.JTextField;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.CodePreview;
import org.sda.engine.codes.CodesJson;
import org.sda.engine.codes.EditHistory;
import org.sda.engine.codes.GridCodec;
import org.sda.engine.codes.GridEdit;
import org.sda.engine.codes.Region;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaModelFile;
import org.sda.ui.common.CodeGridView;
import org.sda.ui.common.ExportDialog;
import org.sda.ui.common.SoundPlayer;
import org.sda.ui.common.UsageHeatmap;

/**
 * The Codes tab. Open a model and a sound: the sound is encoded and its grid shown; a second
 * sound, encoded by the same model, is the source for swaps, blends and inserts. Edits are
 * {@link Action}s over the engine's {@link EditHistory}; Undo and Redo carry the edit's name.
 *
 * <p>A self-contained panel: the app frame adds it as a tab and may put {@link #editMenu()} in
 * its menu bar.
 */
public final class CodesPanel extends JPanel {

    final JTextField modelField = named(new JTextField(18), "codesModel", "The model that encodes and decodes");
    final JLabel soundLabel = new JLabel("No sound");
    final JLabel secondLabel = new JLabel("No second sound");
    final CodeGridView gridView = new CodeGridView();
    final CodeGridView secondView = new CodeGridView();
    final UsageHeatmap heatmap = new UsageHeatmap();
    final JSpinner code = named(new JSpinner(new SpinnerNumberModel(0, 0, 4095, 1)), "setCodeValue", "The code to set the selection to");
    final JSpinner weight = named(new JSpinner(new SpinnerNumberModel(0.5, 0.0, 1.0, 0.05)), "blendWeight", "Blend weight: 0 this sound, 1 the second");
    final JSlider zoom = named(new JSlider(0, 100, 60), "zoom", "Zoom: pixels per code frame");
    final JLabel status = new JLabel(" ");
    /** What the sound output says (for example that this machine has none). */
    final JLabel output = new JLabel(" ");

    final Action openModelAction = action("Open model…", "openModel", "Choose the model (.sda)", null, this::chooseModel);
    final Action openSoundAction = action("Open sound…", "openSound", "Open a sound and encode it", KeyStroke.getKeyStroke(KeyEvent.VK_O, InputEvent.CTRL_DOWN_MASK), () -> chooseSound(false));
    final Action openSecondAction = action("Second sound…", "openSecond", "Open a second sound to swap, blend or insert from", null, () -> chooseSound(true));
    final Action openCodesAction = action("Open codes…", "openCodes", "Open a codes.json made with this model", null, this::chooseCodes);
    final Action saveCodesAction = action("Save codes…", "saveCodes", "Save the grid as codes.json", KeyStroke.getKeyStroke(KeyEvent.VK_S, InputEvent.CTRL_DOWN_MASK), this::saveCodes);
    final Action exportAction = action("Export audio…", "exportAudio", "Decode the grid and export it (format, stereo, binaural)", KeyStroke.getKeyStroke(KeyEvent.VK_E, InputEvent.CTRL_DOWN_MASK), this::exportAudio);
    final Action playAction = action("▶ Play", "playGrid", "Decode and play from the cursor (or the start)", KeyStroke.getKeyStroke(KeyEvent.VK_SPACE, 0), this::playFromCursor);
    final Action setAction = action("Set", "setCode", "Set the selected cells to the code", null, this::setCells);
    final Action swapAction = action("Swap from 2nd", "swap", "Take the selected cells from the second sound's grid", null, this::swap);
    final Action blendAction = action("Blend with 2nd", "blend", "Blend the selected cells with the second sound's, in embedding space", null, this::blend);
    final Action insertAction = action("Insert 2nd", "insert", "Insert the second sound's frames of the selection after it", null, this::insert);
    final Action deleteAction = action("Delete", "deleteFrames", "Delete the selected frames", KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), this::delete);
    final Action repeatAction = action("Repeat ×2", "repeat", "Repeat the selected frames once more", null, this::repeat);
    final Action undoAction = action("Undo", "undo", "Undo", KeyStroke.getKeyStroke(KeyEvent.VK_Z, InputEvent.CTRL_DOWN_MASK), this::undo);
    final Action redoAction = action("Redo", "redo", "Redo", KeyStroke.getKeyStroke(KeyEvent.VK_Z, InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK), this::redo);

    private final SoundPlayer player;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sda-codes");
        t.setDaemon(true);
        return t;
    });
    private GridCodec codec;
    private CodePreview preview;
    private Path modelFile;
    private EditHistory history;
    private CodeGrid second;
    private Path soundFile;
    private volatile long busy;
    private volatile double lastPreviewMs = -1;
    private volatile String lastPreview = "";

    public CodesPanel(SoundPlayer player) {
        super(new BorderLayout());
        setName("codesPanel");
        this.player = player;
        modelField.setEditable(false);
        status.setName("codesStatus");
        soundLabel.setName("soundLabel");
        secondLabel.setName("secondLabel");
        secondView.setName("secondGrid");
        secondView.getAccessibleContext().setAccessibleName("Second sound's code grid");

        JToolBar files = new JToolBar();
        files.setFloatable(false);
        files.add(modelField);
        for (Action a : new Action[] {openModelAction, openSoundAction, openSecondAction, openCodesAction, saveCodesAction, exportAction}) {
            files.add(button(a));
        }
        JToolBar edits = new JToolBar();
        edits.setFloatable(false);
        edits.add(button(playAction));
        edits.addSeparator();
        edits.add(new JLabel("Code "));
        edits.add(code);
        edits.add(button(setAction));
        edits.add(button(swapAction));
        edits.add(weight);
        edits.add(button(blendAction));
        edits.add(button(insertAction));
        edits.add(button(deleteAction));
        edits.add(button(repeatAction));
        edits.addSeparator();
        edits.add(button(undoAction));
        edits.add(button(redoAction));
        edits.addSeparator();
        edits.add(new JLabel("Zoom "));
        edits.add(zoom);
        JPanel bars = new JPanel(new BorderLayout());
        bars.add(files, BorderLayout.NORTH);
        bars.add(edits, BorderLayout.SOUTH);
        add(bars, BorderLayout.NORTH);

        JPanel main = new JPanel(new BorderLayout(2, 2));
        main.add(soundLabel, BorderLayout.NORTH);
        main.add(gridView.inScrollPane(), BorderLayout.CENTER);
        JPanel secondPanel = new JPanel(new BorderLayout(2, 2));
        secondPanel.add(secondLabel, BorderLayout.NORTH);
        secondPanel.add(secondView.inScrollPane(), BorderLayout.CENTER);
        JSplitPane grids = new JSplitPane(JSplitPane.VERTICAL_SPLIT, main, secondPanel);
        grids.setResizeWeight(0.6);
        JPanel side = new JPanel(new BorderLayout());
        side.setBorder(BorderFactory.createEmptyBorder(0, 4, 0, 0));
        side.add(heatmap, BorderLayout.NORTH);
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, grids, side);
        split.setResizeWeight(0.8);
        add(split, BorderLayout.CENTER);
        JPanel lines = new JPanel(new java.awt.GridLayout(2, 1));
        lines.add(status);
        output.setName("outputStatus");
        lines.add(output);
        add(lines, BorderLayout.SOUTH);

        player.addStatusListener(output::setText);
        gridView.addCellListener(this::previewCell);
        secondView.addCellListener((level, frame) -> previewCode(level, second.code(level, frame)));
        gridView.addSelectionListener(this::updateActions);
        zoom.addChangeListener(e -> {
            double z = CodeGridView.MIN_ZOOM * Math.pow(CodeGridView.MAX_ZOOM / CodeGridView.MIN_ZOOM, zoom.getValue() / 100.0);
            gridView.setZoom(z);
            secondView.setZoom(z);
        });
        zoom.getChangeListeners()[0].stateChanged(null);
        for (Action a : new Action[] {undoAction, redoAction, deleteAction, saveCodesAction, exportAction}) {
            KeyStroke key = (KeyStroke) a.getValue(Action.ACCELERATOR_KEY);
            getInputMap(WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(key, a.getValue(Action.ACTION_COMMAND_KEY));
            getActionMap().put(a.getValue(Action.ACTION_COMMAND_KEY), a);
        }
        updateActions();
    }

    /** Undo, Redo and the edits, for the frame's menu bar: the items follow the actions' names. */
    public JMenu editMenu() {
        JMenu menu = new JMenu("Edit");
        menu.setName("codesEditMenu");
        menu.add(undoAction);
        menu.add(redoAction);
        menu.addSeparator();
        for (Action a : new Action[] {setAction, swapAction, blendAction, insertAction, deleteAction, repeatAction}) {
            menu.add(a);
        }
        return menu;
    }

    // ---- opening

    /** Opens a model in the background; the grids shown are cleared when it differs from the last. */
    public void openModel(Path file) {
        status("Opening " + file.getFileName() + "…");
        work(() -> {
            GridCodec c = new GridCodec(VqVaeRuntime.open(SdaModelFile.read(file)));
            CodePreview p = new CodePreview(c);
            edt(() -> {
                codec = c;
                preview = p;
                modelFile = file;
                modelField.setText(file.getFileName().toString());
                code.setModel(new SpinnerNumberModel(0, 0, c.identity().codebookSize() - 1, 1));
                history = null;
                second = null;
                gridView.setGrid(null);
                secondView.setGrid(null);
                updateActions();
                status(c.identity().name() + ": " + c.identity().levels() + " levels of " + c.identity().codebookSize() + " codes");
            });
        });
    }

    /** Encodes a sound with the model (in the background) and shows it, as the main or the second sound. */
    public void openSound(Path file, boolean asSecond) {
        if (codec == null) {
            error("Open a model first");
            return;
        }
        status("Encoding " + file.getFileName() + "…");
        GridCodec c = codec;
        work(() -> {
            CodeGrid grid = c.encode(file);
            edt(() -> show(grid, file, asSecond));
        });
    }

    /** Opens a codes.json (refused, naming both models, when another model made it). */
    public void openCodes(Path file, boolean asSecond) {
        if (codec == null) {
            error("Open a model first");
            return;
        }
        GridCodec c = codec;
        work(() -> {
            CodeGrid grid = CodesJson.read(file, c.identity());
            edt(() -> show(grid, file, asSecond));
        });
    }

    private void show(CodeGrid grid, Path file, boolean asSecond) {
        String text = String.format(Locale.ROOT, "%s: %.2f s, %d frames", file.getFileName(), grid.durationSeconds(), grid.frames());
        if (asSecond) {
            second = grid;
            secondView.setGrid(grid);
            secondLabel.setText("Second: " + text);
        } else {
            history = new EditHistory(grid);
            soundFile = file;
            gridView.setGrid(grid);
            gridView.setSelection(null);
            soundLabel.setText(text);
        }
        updateUsage();
        updateActions();
        status("Encoded " + text + (asSecond ? " (second sound)" : ""));
    }

    // ---- hearing

    private void previewCell(int level, int frame) {
        gridView.setCursorFrame(frame);
        previewCode(level, gridView.grid().code(level, frame));
    }

    /** Plays one code's preview; the time from click to sound handed to the output is kept. */
    void previewCode(int level, int c) {
        if (preview == null) {
            return;
        }
        long clicked = System.nanoTime();
        CodePreview p = preview;
        work(() -> {
            AudioBuffer audio = p.preview(level, c);
            player.play(audio);
            lastPreviewMs = (System.nanoTime() - clicked) / 1e6;
            lastPreview = level + ":" + c;
            edt(() -> status(String.format(Locale.ROOT, "Code %d on %s (%.0f ms to sound)", c,
                    gridView.grid() == null ? "level " + level : gridView.grid().levelLabels().get(level), lastPreviewMs)));
        });
    }

    /** The last code previewed, as "LEVEL:CODE", or empty. */
    public String lastPreview() {
        return lastPreview;
    }

    /** Milliseconds from the last cell click to its sound reaching the player; -1 before one. */
    public double lastPreviewMs() {
        return lastPreviewMs;
    }

    private void playFromCursor() {
        CodeGrid grid = current();
        if (grid == null) {
            return;
        }
        int from = Math.max(0, gridView.cursorFrame());
        GridCodec c = codec;
        status("Decoding…");
        work(() -> {
            AudioBuffer audio = c.decode(grid).audio();
            int start = (int) Math.min(audio.frameCount() - 1L, Math.round(from / grid.timing().frameRate() * audio.sampleRate()));
            float[][] rest = new float[audio.channelCount()][];
            for (int ch = 0; ch < rest.length; ch++) {
                rest[ch] = java.util.Arrays.copyOfRange(audio.channels()[ch], Math.max(0, start), audio.frameCount());
            }
            player.play(new AudioBuffer(rest, audio.sampleRate()));
            edt(() -> status(String.format(Locale.ROOT, "Playing from %.2f s", from / grid.timing().frameRate())));
        });
    }

    // ---- edits

    /** The grid as edited so far, or null. */
    public CodeGrid current() {
        return history == null ? null : history.current();
    }

    public CodeGrid second() {
        return second;
    }

    /** Applies an edit, shows the result and names it in Undo. */
    void apply(GridEdit edit) {
        if (history == null) {
            return;
        }
        try {
            gridView.setGrid(history.apply(edit));
            status("Done: " + edit.describe());
        } catch (IllegalArgumentException e) {
            error("Cannot " + edit.describe() + ": " + e.getMessage());
        }
        updateUsage();
        updateActions();
    }

    private Region selection() {
        Region r = gridView.selection();
        if (r == null) {
            error("Select cells first (click, or drag across frames and levels)");
        }
        return r;
    }

    private void setCells() {
        Region r = selection();
        if (r != null) {
            apply(new GridEdit.SetCells(r, (Integer) code.getValue()));
        }
    }

    private void swap() {
        Region r = selection();
        if (r != null && second != null) {
            int from = Math.min(r.from(), Math.max(0, second.frames() - r.frameCount()));
            apply(new GridEdit.SwapRegion(r, second, from));
        }
    }

    private void blend() {
        Region r = selection();
        if (r != null && second != null) {
            int from = Math.min(r.from(), Math.max(0, second.frames() - r.frameCount()));
            apply(new GridEdit.BlendRegion(r, second, from, ((Double) weight.getValue()).floatValue()));
        }
    }

    private void insert() {
        Region r = selection();
        if (r != null && second != null) {
            int from = Math.min(r.from(), Math.max(0, second.frames() - r.frameCount()));
            apply(new GridEdit.InsertRange(r.to(), second, from, from + r.frameCount()));
        }
    }

    private void delete() {
        Region r = selection();
        if (r != null) {
            gridView.setSelection(null);
            apply(new GridEdit.DeleteRange(r.from(), r.to()));
        }
    }

    private void repeat() {
        Region r = selection();
        if (r != null) {
            apply(new GridEdit.RepeatRange(r.from(), r.to(), 2));
        }
    }

    private void undo() {
        if (history != null && history.canUndo()) {
            String name = history.nextUndo().map(GridEdit::describe).orElse("");
            gridView.setGrid(history.undo());
            status("Undone: " + name);
            updateUsage();
            updateActions();
        }
    }

    private void redo() {
        if (history != null && history.canRedo()) {
            String name = history.nextRedo().map(GridEdit::describe).orElse("");
            gridView.setGrid(history.redo());
            status("Redone: " + name);
            updateUsage();
            updateActions();
        }
    }

    /** Enables what can be done now and names Undo and Redo after their edits. */
    void updateActions() {
        boolean grid = history != null;
        boolean selected = grid && gridView.selection() != null;
        boolean withSecond = selected && second != null;
        setAction.setEnabled(selected);
        deleteAction.setEnabled(selected);
        repeatAction.setEnabled(selected);
        swapAction.setEnabled(withSecond);
        blendAction.setEnabled(withSecond);
        insertAction.setEnabled(withSecond);
        saveCodesAction.setEnabled(grid);
        exportAction.setEnabled(grid);
        playAction.setEnabled(grid);
        openSoundAction.setEnabled(codec != null);
        openSecondAction.setEnabled(codec != null);
        openCodesAction.setEnabled(codec != null);
        undoAction.setEnabled(grid && history.canUndo());
        redoAction.setEnabled(grid && history.canRedo());
        undoAction.putValue(Action.NAME, grid && history.canUndo()
                ? "Undo " + history.nextUndo().map(GridEdit::describe).orElse("") : "Undo");
        redoAction.putValue(Action.NAME, grid && history.canRedo()
                ? "Redo " + history.nextRedo().map(GridEdit::describe).orElse("") : "Redo");
        undoAction.putValue(Action.SHORT_DESCRIPTION, undoAction.getValue(Action.NAME));
        redoAction.putValue(Action.SHORT_DESCRIPTION, redoAction.getValue(Action.NAME));
    }

    private void updateUsage() {
        CodeGrid main = current();
        CodeGrid any = main != null ? main : second;
        if (any == null) {
            return;
        }
        int[][] counts = new int[any.levels()][any.model().codebookSize()];
        for (CodeGrid g : new CodeGrid[] {main, second}) {
            if (g == null) {
                continue;
            }
            for (int l = 0; l < g.levels(); l++) {
                for (int f = 0; f < g.frames(); f++) {
                    counts[l][g.code(l, f)]++;
                }
            }
        }
        heatmap.setCounts(counts, any.levelLabels());
    }

    // ---- files

    private void chooseModel() {
        JFileChooser chooser = new JFileChooser();
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            openModel(chooser.getSelectedFile().toPath());
        }
    }

    private void chooseSound(boolean asSecond) {
        JFileChooser chooser = new JFileChooser();
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            openSound(chooser.getSelectedFile().toPath(), asSecond);
        }
    }

    private void chooseCodes() {
        JFileChooser chooser = new JFileChooser();
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            openCodes(chooser.getSelectedFile().toPath(), false);
        }
    }

    private void saveCodes() {
        JFileChooser chooser = new JFileChooser();
        chooser.setSelectedFile(suggested("json").toFile());
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            saveCodes(chooser.getSelectedFile().toPath());
        }
    }

    /** Writes the grid as codes.json (atomically). */
    public void saveCodes(Path file) {
        CodeGrid grid = current();
        work(() -> {
            CodesJson.write(file, grid);
            edt(() -> status("Saved " + file));
        });
    }

    private void exportAudio() {
        ExportDialog.ask(SwingUtilities.getWindowAncestor(this), suggested("wav"))
                .ifPresent(choice -> export(choice.file(), choice.settings()));
    }

    /** Decodes the grid and exports it (in the background). */
    public void export(Path file, org.sda.engine.export.ExportSettings settings) {
        CodeGrid grid = current();
        GridCodec c = codec;
        status("Exporting " + file.getFileName() + "…");
        work(() -> {
            AudioExporter.Result result = AudioExporter.export(c.decode(grid).audio(), file, settings);
            edt(() -> status("Exported " + result.summary()));
        });
    }

    private Path suggested(String extension) {
        String base = soundFile == null ? "codes" : soundFile.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return Path.of(System.getProperty("user.home"), base + "-edited." + extension);
    }

    // ---- plumbing

    /** Whether engine work is queued or running. */
    public boolean isBusy() {
        return busy > 0;
    }

    /** Runs engine work on the panel's thread; a failure becomes the status line, naming what failed. */
    private void work(ThrowingRunnable task) {
        busy++;
        worker.execute(() -> {
            try {
                task.run();
            } catch (Exception | Error e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                edt(() -> error(message));
            } finally {
                edt(() -> busy--);
            }
        });
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void edt(Runnable r) {
        SwingUtilities.invokeLater(r);
    }

    void status(String text) {
        status.setForeground(javax.swing.UIManager.getColor("Label.foreground"));
        status.setText(text);
    }

    void error(String text) {
        status.setForeground(new Color(0xC0392B));
        status.setText(text);
    }

    public String statusText() {
        return status.getText();
    }

    private Action action(String name, String command, String description, KeyStroke key, Runnable run) {
        Action a = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (isEnabled()) {
                    run.run();
                }
            }
        };
        a.putValue(Action.ACTION_COMMAND_KEY, command);
        a.putValue(Action.SHORT_DESCRIPTION, description);
        if (key != null) {
            a.putValue(Action.ACCELERATOR_KEY, key);
        }
        return a;
    }

    private static JButton button(Action a) {
        JButton b = new JButton(a);
        b.setName((String) a.getValue(Action.ACTION_COMMAND_KEY));
        b.getAccessibleContext().setAccessibleName((String) a.getValue(Action.SHORT_DESCRIPTION));
        return b;
    }

    private static <T extends JComponent> T named(T c, String name, String description) {
        c.setName(name);
        c.getAccessibleContext().setAccessibleName(description);
        c.setToolTipText(description);
        return c;
    }

    /** Stops the engine thread (when the app closes). */
    public void close() {
        worker.shutdownNow();
    }

    List<Action> editActions() {
        return List.of(setAction, swapAction, blendAction, insertAction, deleteAction, repeatAction, undoAction, redoAction);
    }

    Consumer<String> statusSink() {
        return this::status;
    }
}
