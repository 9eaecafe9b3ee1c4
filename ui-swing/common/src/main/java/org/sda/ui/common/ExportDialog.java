package org.sda.ui.common;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridBagLayout;
import java.awt.Window;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSlider;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SpinnerNumberModel;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.export.ExportFormat;
import org.sda.engine.export.ExportSettings;
import org.sda.engine.export.Hrtf;
import org.sda.engine.export.Normalization;
import org.sda.engine.export.Placement;
import org.sda.engine.export.Spatial;

/**
 * Export settings and the file to write: format (formats the system's libsndfile cannot write
 * are listed but refused with their reason), sample rate, level, and mono, stereo width or
 * binaural placement with the head model. Modal; {@link #ask} returns what was chosen. EDT only.
 */
public final class ExportDialog extends JDialog {

    /** What the user chose. */
    public record Choice(Path file, ExportSettings settings) {}

    private static final String MODEL_RATE = "the model's rate";

    final JComboBox<ExportFormat> format = new JComboBox<>(ExportFormat.values());
    final JComboBox<Object> rate = new JComboBox<>();
    final JComboBox<String> level = new JComboBox<>(new String[] {"unchanged", "peak (dBFS)", "loudness (LUFS)"});
    final JSpinner levelTarget = new JSpinner(new SpinnerNumberModel(-1.0, -70.0, 0.0, 0.5));
    final JRadioButton mono = new JRadioButton("Mono");
    final JRadioButton stereo = new JRadioButton("Stereo, width");
    final JRadioButton binaural = new JRadioButton("Binaural (headphones)");
    final JSlider width = new JSlider(0, 100, 60);
    final JSpinner azimuth = new JSpinner(new SpinnerNumberModel(30.0, -180.0, 180.0, 5.0));
    final JSpinner elevation = new JSpinner(new SpinnerNumberModel(0.0, -90.0, 90.0, 5.0));
    final JSpinner distance = new JSpinner(new SpinnerNumberModel(1.4, Placement.MIN_DISTANCE, Placement.MAX_DISTANCE, 0.1));
    final JTextField hrtf = new JTextField(Hrtf.DEFAULT_NAME + " (bundled)", 22);
    final JTextField file = new JTextField(28);
    final JLabel message = new JLabel(" ");
    final JButton ok = new JButton("Export");
    private Path hrtfFile;
    private Choice choice;

    public ExportDialog(Window owner, Path suggested) {
        super(owner, "Export audio", ModalityType.APPLICATION_MODAL);
        setName("exportDialog");
        rate.addItem(MODEL_RATE);
        for (int r : ExportSettings.RATES) {
            rate.addItem(r);
        }
        format.setSelectedItem(ExportFormat.WAV24);
        format.setRenderer(new DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(JList<?> list, Object value, int index,
                                                                   boolean selected, boolean focus) {
                super.getListCellRendererComponent(list, value, index, selected, focus);
                if (value instanceof ExportFormat f && !AudioExporter.isAvailable(f)) {
                    setText(f.label() + " (not available here)");
                    setEnabled(false);
                }
                return this;
            }
        });
        ButtonGroup group = new ButtonGroup();
        group.add(mono);
        group.add(stereo);
        group.add(binaural);
        mono.setSelected(true);
        file.setText(suggested == null ? "" : suggested.toString());
        name(format, "exportFormat", "File format");
        name(rate, "exportRate", "Sample rate");
        name(level, "exportLevel", "Level: unchanged, peak or loudness");
        name(levelTarget, "exportLevelTarget", "Target peak in dBFS or loudness in LUFS");
        name(mono, "exportMono", "Mono, as the model made it");
        name(stereo, "exportStereo", "Stereo from mono; the mono sum stays the sound");
        name(binaural, "exportBinaural", "Place the sound around the head (for headphones)");
        name(width, "exportWidth", "Stereo width: 0 identical channels, 100 widest");
        name(azimuth, "exportAzimuth", "Azimuth in degrees: positive to the right, +90 is the right ear");
        name(elevation, "exportElevation", "Elevation in degrees: +90 is above");
        name(distance, "exportDistance", "Distance in metres (the head model is measured at 1.4 m)");
        name(hrtf, "exportHrtf", "Head model: the bundled MIT KEMAR, or your own SOFA file");
        name(file, "exportFile", "The file to write");
        name(ok, "exportOk", "Export with these settings");
        hrtf.setEditable(false);
        message.setName("exportMessage");

        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(BorderFactory.createEmptyBorder(10, 12, 4, 12));
        int row = 0;
        row = Forms.row(form, row, "Format", format);
        row = Forms.row(form, row, "Sample rate", rate);
        row = Forms.row(form, row, "Level", Forms.flow(level, levelTarget));
        row = Forms.row(form, row, "Channels", Forms.flow(mono));
        row = Forms.row(form, row, "", Forms.flow(stereo, width));
        row = Forms.row(form, row, "", Forms.flow(binaural));
        row = Forms.row(form, row, "", Forms.flow(new JLabel("azimuth°"), azimuth, new JLabel("elevation°"), elevation,
                new JLabel("distance m"), distance));
        JButton chooseHrtf = new JButton("SOFA file…");
        name(chooseHrtf, "exportChooseHrtf", "Use your own head model (SOFA)");
        chooseHrtf.addActionListener(e -> chooseHrtf());
        row = Forms.row(form, row, "Head model", Forms.flow(hrtf, chooseHrtf));
        JButton browse = new JButton("Choose…");
        name(browse, "exportBrowse", "Choose the file to write");
        browse.addActionListener(e -> chooseFile());
        row = Forms.row(form, row, "File", Forms.flow(file, browse));
        JLabel credit = new JLabel("<html><small>Head model: MIT KEMAR, Gardner &amp; Martin, MIT Media Lab (1994).<br>"
                + "Azimuth counts to the right: +90° is the right ear.</small></html>");
        Forms.row(form, row, "", credit);

        JButton cancel = new JButton("Cancel");
        name(cancel, "exportCancel", "Close without exporting");
        cancel.addActionListener(e -> dispose());
        ok.addActionListener(e -> accept());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(message);
        buttons.add(cancel);
        buttons.add(ok);
        getRootPane().setDefaultButton(ok);
        getRootPane().registerKeyboardAction(e -> dispose(), KeyStroke.getKeyStroke("ESCAPE"),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        setLayout(new BorderLayout());
        add(form, BorderLayout.CENTER);
        add(buttons, BorderLayout.SOUTH);
        level.addActionListener(e -> update());
        format.addActionListener(e -> update());
        mono.addActionListener(e -> update());
        stereo.addActionListener(e -> update());
        binaural.addActionListener(e -> update());
        update();
        pack();
        setLocationRelativeTo(owner);
    }

    /** Shows the dialog and waits; empty when cancelled. */
    public static Optional<Choice> ask(Window owner, Path suggested) {
        ExportDialog dialog = new ExportDialog(owner, suggested);
        dialog.setVisible(true);
        return Optional.ofNullable(dialog.choice);
    }

    private void update() {
        ExportFormat f = (ExportFormat) format.getSelectedItem();
        boolean fixed = f != null && f.fixedRate() != 0;
        rate.setEnabled(!fixed);
        if (fixed) {
            rate.setSelectedItem(MODEL_RATE);
        }
        levelTarget.setEnabled(level.getSelectedIndex() > 0);
        if (level.getSelectedIndex() == 1 && ((Double) levelTarget.getValue()) < -60) {
            levelTarget.setValue(-1.0);
        } else if (level.getSelectedIndex() == 2 && ((Double) levelTarget.getValue()) > -6) {
            levelTarget.setValue(-16.0);
        }
        width.setEnabled(stereo.isSelected());
        for (JComponent c : new JComponent[] {azimuth, elevation, distance}) {
            c.setEnabled(binaural.isSelected());
        }
        if (f != null && fixed) {
            message.setText(f.label() + " is always " + f.fixedRate() / 1000 + " kHz");
        } else if (f != null && !AudioExporter.isAvailable(f)) {
            message.setText(f.label() + " cannot be written by this system's libsndfile");
        } else {
            message.setText(" ");
        }
        // Keep the file's extension in step with the format.
        String text = file.getText().trim();
        if (f != null && !text.isEmpty()) {
            int dot = text.lastIndexOf('.');
            int slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
            String base = dot > slash ? text.substring(0, dot) : text;
            file.setText(base + "." + f.extension());
        }
    }

    /** The settings as the controls show them. */
    public ExportSettings settings() {
        ExportFormat f = (ExportFormat) format.getSelectedItem();
        int r = rate.getSelectedItem() instanceof Integer i ? i : 0;
        double target = (Double) levelTarget.getValue();
        Normalization n = switch (level.getSelectedIndex()) {
            case 1 -> Normalization.peak(Math.max(-60, target));
            case 2 -> Normalization.loudness(target);
            default -> Normalization.NONE;
        };
        Spatial s = stereo.isSelected() ? Spatial.stereo(width.getValue() / 100.0)
                : binaural.isSelected() ? Spatial.binaural(new Placement((Double) azimuth.getValue(),
                        (Double) elevation.getValue(), (Double) distance.getValue()))
                : Spatial.MONO;
        return new ExportSettings(f, f.fixedRate() != 0 ? 0 : r, n, s, binaural.isSelected() ? hrtfFile : null);
    }

    private void accept() {
        ExportFormat f = (ExportFormat) format.getSelectedItem();
        try {
            AudioExporter.checkEncoder(f, f.fixedRate() != 0 ? f.fixedRate() : 44_100, stereo.isSelected() || binaural.isSelected() ? 2 : 1);
        } catch (Exception e) {
            message.setText(e.getMessage());
            return;
        }
        if (file.getText().isBlank()) {
            message.setText("Choose a file to write");
            return;
        }
        try {
            choice = new Choice(Path.of(file.getText().trim()), settings());
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
            return;
        }
        dispose();
    }

    private void chooseHrtf() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Head model (SOFA file)");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            Path chosen = chooser.getSelectedFile().toPath();
            try {
                Hrtf head = Hrtf.load(chosen);
                hrtfFile = chosen;
                hrtf.setText(head.toString());
                message.setText(" ");
            } catch (Exception e) {
                message.setText(e.getMessage());
            }
        }
    }

    private void chooseFile() {
        JFileChooser chooser = new JFileChooser();
        if (!file.getText().isBlank()) {
            chooser.setSelectedFile(Path.of(file.getText().trim()).toFile());
        }
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            file.setText(chooser.getSelectedFile().getPath());
            update();
        }
    }

    /** Uses {@code path} as the SOFA head model (as the file chooser would). */
    void useHrtf(Path path) throws Exception {
        Hrtf head = Hrtf.load(path);
        hrtfFile = path;
        hrtf.setText(head.toString());
    }

    Choice choice() {
        return choice;
    }

    static void name(JComponent c, String name, String description) {
        c.setName(name);
        c.getAccessibleContext().setAccessibleName(description);
        c.setToolTipText(description);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ExportDialog[%s]", settings());
    }
}
