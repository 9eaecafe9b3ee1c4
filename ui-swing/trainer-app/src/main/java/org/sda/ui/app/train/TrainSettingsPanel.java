package org.sda.ui.app.train;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SpinnerNumberModel;
import org.sda.ui.app.AppSettings;

/**
 * Training settings: the name and the time budget in sight, the rest (levels, codebook size,
 * commitment weight, the prior, further trainer options) folded away under "Advanced". Every change
 * is remembered in {@link AppSettings}. EDT only.
 */
final class TrainSettingsPanel extends JPanel {

    private static final Integer[] CODEBOOKS = {0, 32, 64, 128, 256, 512};

    private final AppSettings settings;
    final JTextField name = new JTextField(16);
    final JSpinner minutes;
    final JSpinner levels;
    final JComboBox<Integer> codebook = new JComboBox<>(CODEBOOKS);
    final JSpinner commitment;
    final JCheckBox prior = new JCheckBox("Train the prior (needed to generate new sounds)");
    final JSpinner priorMinutes;
    final JCheckBox detailMemory = new JCheckBox("Keep my sounds' detail in the model (they come back as they were)");
    final JTextField extra = new JTextField(16);
    final JToggleButton advancedToggle = new JToggleButton();
    private final JPanel advanced = new JPanel(new GridBagLayout());
    private int suggestedCodebook = 64;

    TrainSettingsPanel(AppSettings settings) {
        super(new GridBagLayout());
        this.settings = settings;
        setBorder(BorderFactory.createTitledBorder("Settings"));
        minutes = new JSpinner(new SpinnerNumberModel(settings.minutes, 0.0, 240.0, 0.5));
        levels = new JSpinner(new SpinnerNumberModel(Math.max(2, Math.min(4, settings.levels)), 2, 4, 1));
        commitment = new JSpinner(new SpinnerNumberModel(settings.commitmentWeight, 0.0, 2.0, 0.05));
        priorMinutes = new JSpinner(new SpinnerNumberModel(settings.priorMinutes, 0.0, 240.0, 0.5));
        codebook.setSelectedItem(Arrays.asList(CODEBOOKS).contains(settings.codebookSize) ? settings.codebookSize : 0);
        codebook.setRenderer(new javax.swing.DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                                                                   boolean selected, boolean focus) {
                Object shown = Integer.valueOf(0).equals(value) ? "Suggested (" + suggestedCodebook + ")" : value;
                return super.getListCellRendererComponent(list, shown, index, selected, focus);
            }
        });
        prior.setSelected(settings.prior);
        detailMemory.setSelected(settings.detailMemory);
        extra.setText(settings.extraOptions);
        name(name, "modelNameField", "Model name", "The model's name (also its file name)");
        name(minutes, "minutes", "Time budget in minutes", "Most minutes the autoencoder trains; it stops earlier "
                + "when it stops improving. 0 lets the trainer choose: 6 for up to 100 sounds, 18 above, so the whole "
                + "run fits in 10 or 30 minutes");
        name(levels, "levels", "Quantiser levels", "Levels of codes, coarse to fine (2–4)");
        name(codebook, "codebookSize", "Codebook size", "Codes per level; the suggestion follows the dataset's size");
        name(commitment, "commitmentWeight", "Commitment weight", "How strongly the encoder is pulled to its codes");
        name(prior, "trainPrior", "Train the prior", "The prior learns which codes follow which; needed to generate");
        name(detailMemory, "detailMemory", "Keep the sounds' detail", "The decoder gives each sound's broad shape; "
                + "the model can also keep the frame-by-frame detail of your sounds, so that they reconstruct as they "
                + "were. The model file then carries an approximation of them: turn this off for a model you share");
        name(priorMinutes, "priorMinutes", "Prior minutes", "Minutes for the prior; 0 lets the trainer choose");
        name(extra, "extraOptions", "Further trainer options", "Options as on the sda train command line, e.g. --seed 3");
        name(advancedToggle, "advancedToggle", "Show advanced settings", "Levels, codebook size, prior, more");

        int row = 0;
        row = line(this, row, "Name", name);
        row = line(this, row, "Time budget (minutes, 0 = auto)", minutes);
        GridBagConstraints c = constraints(0, row++);
        c.gridwidth = 2;
        add(advancedToggle, c);
        int a = 0;
        a = line(advanced, a, "Levels", levels);
        a = line(advanced, a, "Codebook size", codebook);
        a = line(advanced, a, "Commitment weight", commitment);
        GridBagConstraints pc = constraints(0, a++);
        pc.gridwidth = 2;
        advanced.add(prior, pc);
        a = line(advanced, a, "Prior minutes (0 = auto)", priorMinutes);
        GridBagConstraints dc = constraints(0, a++);
        dc.gridwidth = 2;
        advanced.add(detailMemory, dc);
        line(advanced, a, "Further options", extra);
        c = constraints(0, row);
        c.gridwidth = 2;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        add(advanced, c);
        advancedToggle.setSelected(settings.advancedShown);
        advancedToggle.addActionListener(e -> showAdvanced(advancedToggle.isSelected()));
        showAdvanced(settings.advancedShown);

        minutes.addChangeListener(e -> changed());
        levels.addChangeListener(e -> changed());
        codebook.addActionListener(e -> changed());
        commitment.addChangeListener(e -> changed());
        prior.addActionListener(e -> changed());
        detailMemory.addActionListener(e -> changed());
        priorMinutes.addChangeListener(e -> changed());
        extra.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                settings.extraOptions = extra.getText();
            }

            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                settings.extraOptions = extra.getText();
            }

            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                settings.extraOptions = extra.getText();
            }
        });
    }

    private static void name(JComponent c, String name, String accessible, String tooltip) {
        c.setName(name);
        c.getAccessibleContext().setAccessibleName(accessible);
        c.setToolTipText(tooltip);
    }

    private static GridBagConstraints constraints(int x, int y) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = y;
        c.insets = new Insets(2, 4, 2, 4);
        c.anchor = GridBagConstraints.WEST;
        return c;
    }

    private static int line(JPanel panel, int row, String label, JComponent field) {
        JLabel l = new JLabel(label);
        l.setLabelFor(field);
        panel.add(l, constraints(0, row));
        GridBagConstraints c = constraints(1, row);
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        panel.add(field, c);
        return row + 1;
    }

    private void showAdvanced(boolean shown) {
        advanced.setVisible(shown);
        advancedToggle.setText(shown ? "Advanced ▾" : "Advanced ▸");
        settings.advancedShown = shown;
        revalidate();
    }

    private void changed() {
        settings.minutes = ((Number) minutes.getValue()).doubleValue();
        settings.levels = ((Number) levels.getValue()).intValue();
        settings.codebookSize = (Integer) codebook.getSelectedItem();
        settings.commitmentWeight = ((Number) commitment.getValue()).doubleValue();
        settings.prior = prior.isSelected();
        settings.priorMinutes = ((Number) priorMinutes.getValue()).doubleValue();
        settings.detailMemory = detailMemory.isSelected();
        settings.save();
    }

    /** The dataset's suggested codebook size, shown as the "Suggested" choice. */
    void setSuggestedCodebook(int size) {
        suggestedCodebook = size;
        codebook.repaint();
    }

    /** The trainer options these settings make (without the inputs, output or --resume). */
    List<String> trainerOptions() {
        List<String> out = new ArrayList<>();
        double budget = ((Number) minutes.getValue()).doubleValue();
        if (budget > 0) {
            out.add("--max-minutes");
            out.add(String.format(Locale.ROOT, "%.3f", budget));
        }
        out.add("--rvq-levels");
        out.add(String.valueOf(levels.getValue()));
        int k = (Integer) codebook.getSelectedItem();
        if (k > 0) {
            out.add("--codebook-size");
            out.add(String.valueOf(k));
        }
        out.add("--commitment-weight");
        out.add(String.format(Locale.ROOT, "%.4f", ((Number) commitment.getValue()).doubleValue()));
        if (!prior.isSelected()) {
            out.add("--no-prior");
        } else if (((Number) priorMinutes.getValue()).doubleValue() > 0) {
            out.add("--prior-minutes");
            out.add(String.format(Locale.ROOT, "%.3f", ((Number) priorMinutes.getValue()).doubleValue()));
        }
        if (!detailMemory.isSelected()) {
            out.add("--no-detail-memory");
        }
        String more = extra.getText().strip();
        if (!more.isEmpty()) {
            out.addAll(Arrays.asList(more.split("\\s+")));
        }
        return out;
    }

    /** The time budget in minutes (autoencoder, plus the prior's when set). */
    double budgetMinutes() {
        return ((Number) minutes.getValue()).doubleValue();
    }
}
