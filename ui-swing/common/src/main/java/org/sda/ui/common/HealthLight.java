package org.sda.ui.common;

import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import java.util.Optional;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.UIManager;
import org.sda.engine.model.CodebookVerdict;
import org.sda.engine.model.SdaManifest;

/**
 * The codebook health light: a green, yellow or red lamp with the verdict in plain words
 * ("Healthy", "Some codes underused", "Codebook collapse detected"). EDT only.
 */
public final class HealthLight extends JLabel {

    private CodebookVerdict verdict;

    public HealthLight() {
        setName("healthLight");
        setVerdict(Optional.empty(), "");
    }

    /** Shows the worst level's verdict of {@code levels}; {@code detail} follows the words. */
    public void setHealth(List<SdaManifest.LevelHealth> levels) {
        StringBuilder detail = new StringBuilder();
        for (SdaManifest.LevelHealth l : levels) {
            detail.append(detail.length() == 0 ? "" : "<br>").append("Level ").append(l.level() + 1).append(": ")
                    .append(Math.round(l.utilisation() * 100)).append(" % of codes in use");
        }
        setVerdict(CodebookVerdict.overall(levels), detail.toString());
    }

    public void setVerdict(Optional<CodebookVerdict> v, String detail) {
        verdict = v.orElse(null);
        float size = UIManager.getFont("Label.font").getSize2D();
        setIcon(new Lamp(verdict, Math.round(size * 1.6f)));
        String words = verdict == null ? "No health yet" : verdict.words();
        setText("<html><b>" + words + "</b>" + (detail.isEmpty() ? "" : "<br>" + detail) + "</html>");
        getAccessibleContext().setAccessibleName("Codebook health: " + words);
        setToolTipText("Codebook health: how many codes each quantiser level uses (under 30 % is a warning)");
    }

    /** The verdict shown, or null before there is one. */
    public CodebookVerdict verdict() {
        return verdict;
    }

    /** A round lamp in the verdict's colour. */
    public static final class Lamp implements Icon {
        private final CodebookVerdict verdict;
        private final int size;

        public Lamp(CodebookVerdict verdict, int size) {
            this.verdict = verdict;
            this.size = size;
        }

        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            Graphics2D g2 = (Graphics2D) g.create();
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setColor(Theme.healthColor(verdict));
            g2.fillOval(x + 1, y + 1, size - 2, size - 2);
            g2.setColor(Theme.healthColor(verdict).darker());
            g2.drawOval(x + 1, y + 1, size - 2, size - 2);
            g2.dispose();
        }

        @Override
        public int getIconWidth() {
            return size;
        }

        @Override
        public int getIconHeight() {
            return size;
        }
    }

    /**
     * A small picture of a model's health for lists: one bar per level, as tall as the share of codes
     * in use, coloured by that level's verdict.
     */
    public static Icon thumbnail(List<SdaManifest.LevelHealth> levels, int height) {
        return new Icon() {
            @Override
            public void paintIcon(Component c, Graphics g, int x, int y) {
                Graphics2D g2 = (Graphics2D) g.create();
                int bar = Math.max(4, height / 3);
                g2.setColor(Theme.healthColor(null).brighter());
                g2.drawRect(x, y, getIconWidth() - 1, height - 1);
                for (int i = 0; i < levels.size(); i++) {
                    SdaManifest.LevelHealth l = levels.get(i);
                    int h = (int) Math.round(Math.max(0.05, Math.min(1, l.utilisation())) * (height - 2));
                    g2.setColor(Theme.healthColor(CodebookVerdict.of(l)));
                    g2.fillRect(x + 1 + i * (bar + 1), y + height - 1 - h, bar, h);
                }
                g2.dispose();
            }

            @Override
            public int getIconWidth() {
                return Math.max(1, levels.size()) * (Math.max(4, height / 3) + 1) + 1;
            }

            @Override
            public int getIconHeight() {
                return height;
            }
        };
    }
}
