package org.sda.ui.app.generate;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;
import org.sda.ui.common.WaveformView;

/**
 * The sounds of the last generation, one row each: waveform, the settings that made it, and
 * Play, Export, A and B. EDT only.
 */
final class ResultsPanel extends JPanel implements javax.swing.Scrollable {

    private final List<GeneratedSound> sounds = new ArrayList<>();
    private final JPanel rows = new JPanel();
    private final Consumer<GeneratedSound> play;
    private final Consumer<GeneratedSound> export;
    private final java.util.function.BiConsumer<Integer, GeneratedSound> ab;

    ResultsPanel(Consumer<GeneratedSound> play, Consumer<GeneratedSound> export,
                 java.util.function.BiConsumer<Integer, GeneratedSound> ab) {
        super(new BorderLayout());
        setName("results");
        this.play = play;
        this.export = export;
        this.ab = ab;
        rows.setLayout(new BoxLayout(rows, BoxLayout.Y_AXIS));
        add(rows, BorderLayout.NORTH);
    }

    void clear() {
        sounds.clear();
        rows.removeAll();
        rows.revalidate();
        rows.repaint();
    }

    void add(GeneratedSound sound) {
        int index = sounds.size();
        sounds.add(sound);
        JPanel row = new JPanel(new BorderLayout(8, 2));
        row.setName("result-" + index);
        row.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(0, 0, 1, 0, UIManager.getColor("Separator.foreground")),
                BorderFactory.createEmptyBorder(4, 4, 4, 4)));
        WaveformView wave = new WaveformView();
        wave.setAudio(sound.audio());
        row.add(wave, BorderLayout.CENTER);
        JLabel text = new JLabel(sound.entry().describe());
        text.setToolTipText(sound.entry().describe());
        text.setMinimumSize(new java.awt.Dimension(0, text.getPreferredSize().height));
        text.setPreferredSize(new java.awt.Dimension(0, text.getPreferredSize().height));
        text.setName("resultText-" + index);
        row.add(text, BorderLayout.NORTH);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        buttons.add(button("play-" + index, "▶ Play", "Play this sound", () -> play.accept(sound)));
        buttons.add(button("export-" + index, "Export…", "Export this sound (format, stereo, binaural)", () -> export.accept(sound)));
        buttons.add(button("setA-" + index, "A", "Use as A in the A/B comparison", () -> ab.accept(0, sound)));
        buttons.add(button("setB-" + index, "B", "Use as B in the A/B comparison", () -> ab.accept(1, sound)));
        row.add(buttons, BorderLayout.EAST);
        rows.add(row);
        rows.add(Box.createVerticalStrut(2));
        rows.revalidate();
        rows.repaint();
    }

    private static JButton button(String name, String text, String description, Runnable action) {
        JButton b = Swing.named(new JButton(text), name, description);
        b.addActionListener(e -> action.run());
        return b;
    }

    @Override
    public java.awt.Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(java.awt.Rectangle visible, int orientation, int direction) {
        return 16;
    }

    @Override
    public int getScrollableBlockIncrement(java.awt.Rectangle visible, int orientation, int direction) {
        return visible.height;
    }

    /** Rows are as wide as the view: long setting lines are cut, not scrolled sideways. */
    @Override
    public boolean getScrollableTracksViewportWidth() {
        return true;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return false;
    }

    List<GeneratedSound> sounds() {
        return List.copyOf(sounds);
    }
}
