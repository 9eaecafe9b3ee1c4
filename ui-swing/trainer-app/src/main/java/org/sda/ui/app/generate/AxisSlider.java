package org.sda.ui.app.generate;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.JComponent;
import javax.swing.UIManager;
import org.sda.engine.model.SdaManifest;

/**
 * One of the model's control axes as a slider that shows where it is safe: the range the
 * training sounds cover (green), the warning range beyond it where the decoder is outside its
 * data (amber), and nothing past that (the engine refuses it, so the thumb stops there).
 * Arrow keys move by 1/50 of the warning range; Home returns to 0. EDT only.
 */
public final class AxisSlider extends JComponent {

    private final SdaManifest.Axis axis;
    private double value;
    private final List<Runnable> listeners = new ArrayList<>();

    public AxisSlider(SdaManifest.Axis axis) {
        this.axis = axis;
        setName("axis-" + axis.name());
        getAccessibleContext().setAccessibleName("Control " + axis.name());
        setToolTipText(String.format(Locale.ROOT, "%s: safe %.2f … %.2f (the training sounds), warning to %.2f … %.2f",
                axis.name(), axis.safeMin(), axis.safeMax(), axis.warnMin(), axis.warnMax()));
        setFocusable(true);
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                requestFocusInWindow();
                setValue(valueAt(e.getX()));
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                setValue(valueAt(e.getX()));
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        addKeyListener(new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                double step = (axis.warnMax() - axis.warnMin()) / 50;
                switch (e.getKeyCode()) {
                    case KeyEvent.VK_LEFT, KeyEvent.VK_DOWN -> setValue(value - step);
                    case KeyEvent.VK_RIGHT, KeyEvent.VK_UP -> setValue(value + step);
                    case KeyEvent.VK_HOME -> setValue(0);
                    default -> { }
                }
            }
        });
    }

    public SdaManifest.Axis axis() {
        return axis;
    }

    public double value() {
        return value;
    }

    /** Sets the offset, held inside the warning range. */
    public void setValue(double v) {
        double clamped = Math.max(axis.warnMin(), Math.min(axis.warnMax(), v));
        if (clamped != value) {
            value = clamped;
            repaint();
            listeners.forEach(Runnable::run);
        }
    }

    /** Whether the value is outside the training sounds' range. */
    public boolean isOutsideSafe() {
        return value < axis.safeMin() || value > axis.safeMax();
    }

    /** The value as the plugin's Control parameter: ±100 % at the edges of the safe range. */
    public double percent() {
        double edge = value >= 0 ? axis.safeMax() : -axis.safeMin();
        return edge > 0 ? Math.max(-100, Math.min(100, 100 * value / edge)) : 0;
    }

    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    private int inset() {
        return 8;
    }

    private double valueAt(int x) {
        double t = (x - inset()) / (double) Math.max(1, getWidth() - 2 * inset());
        return axis.warnMin() + t * (axis.warnMax() - axis.warnMin());
    }

    private int xOf(double v) {
        double t = (v - axis.warnMin()) / (axis.warnMax() - axis.warnMin());
        return inset() + (int) Math.round(t * (getWidth() - 2 * inset()));
    }

    @Override
    public Dimension getPreferredSize() {
        FontMetrics fm = getFontMetrics(UIManager.getFont("Label.font"));
        return new Dimension(220, fm.getHeight() + 22);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(UIManager.getFont("Label.font"));
        FontMetrics fm = g.getFontMetrics();
        int y = fm.getHeight() + 4;
        int h = 8;
        g.setColor(new Color(0xF2C14E)); // warning range
        g.fillRoundRect(xOf(axis.warnMin()), y, xOf(axis.warnMax()) - xOf(axis.warnMin()), h, h, h);
        g.setColor(new Color(0x5DB36A)); // safe range
        g.fillRect(xOf(axis.safeMin()), y, xOf(axis.safeMax()) - xOf(axis.safeMin()), h);
        g.setColor(UIManager.getColor("Label.foreground"));
        g.drawLine(xOf(0), y - 2, xOf(0), y + h + 2);
        int x = xOf(value);
        g.setColor(isOutsideSafe() ? new Color(0xC0392B) : UIManager.getColor("Label.foreground"));
        g.fillOval(x - 7, y + h / 2 - 7, 14, 14);
        if (isFocusOwner()) {
            g.setColor(UIManager.getColor("Component.focusColor"));
            g.drawOval(x - 9, y + h / 2 - 9, 18, 18);
        }
        g.setColor(UIManager.getColor("Label.foreground"));
        String label = String.format(Locale.ROOT, "%s %+.2f%s", axis.name(), value, isOutsideSafe() ? "  (outside the training sounds)" : "");
        g.drawString(label, inset(), fm.getAscent());
    }

    @Override
    public javax.accessibility.AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public javax.accessibility.AccessibleRole getAccessibleRole() {
                    return javax.accessibility.AccessibleRole.SLIDER;
                }
            };
        }
        return accessibleContext;
    }
}
