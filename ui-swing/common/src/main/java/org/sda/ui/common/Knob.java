package org.sda.ui.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.geom.Arc2D;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleFunction;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * A rotary knob over a normalized value in [0, 1]: drag up or down to turn it (Shift for fine
 * steps), double-click to reset it to its default, arrow keys to step it (Shift for fine, Page
 * Up/Down for coarse, Home for the default). Shows its title and its value as text. Coloured
 * zones on the arc can mark where a value is safe or risky.
 *
 * <p>Gestures reach {@link Listener}s as begin, change(s), end, as a plugin host wants its
 * parameter edits. {@link #setValue} (a host's automation) moves the knob without telling the
 * listeners. Swing's event thread only, like every Swing component; listeners are called on it.
 */
public final class Knob extends JComponent {

    @Override
    public javax.accessibility.AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                private static final long serialVersionUID = 1L;

                @Override
                public javax.accessibility.AccessibleRole getAccessibleRole() {
                    return javax.accessibility.AccessibleRole.SLIDER;
                }
            };
        }
        return accessibleContext;
    }

    private static final long serialVersionUID = 1L;
    private static final double START = 225;
    private static final double SWEEP = -270;
    /** Pixels of vertical drag for the whole range; Shift makes it ten times finer. */
    private static final double DRAG_RANGE = 200;

    /** What a person does to the knob, in gesture order. Called on the event thread. */
    public interface Listener {
        /** A gesture starts (mouse press, a key step, a reset). */
        void editStarted(Knob knob);

        /** The value changed by the person's gesture; {@code normalized} in [0, 1]. */
        void valueChanged(Knob knob, double normalized);

        /** The gesture ended. */
        void editEnded(Knob knob);
    }

    /** A coloured stretch of the arc, from {@code from} to {@code to} in normalized units. */
    public record Zone(double from, double to, Color color, String meaning) {
    }

    private String title;
    private String shortTitle;
    private final double defaultValue;
    private final int stepCount;
    private final DoubleFunction<String> valueText;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private List<Zone> zones = List.of();
    private double value;
    private double dragStartValue;
    private int dragStartY;
    private boolean dragging;

    /**
     * @param title the label under the knob
     * @param defaultValue normalized default, what a double-click restores
     * @param stepCount 0 for continuous; otherwise the value lands on one of {@code stepCount + 1} steps
     * @param valueText the value's text for a normalized value ("-6.0 dB")
     */
    public Knob(String title, double defaultValue, int stepCount, DoubleFunction<String> valueText) {
        this.title = Objects.requireNonNull(title, "title");
        this.defaultValue = defaultValue;
        this.stepCount = stepCount;
        this.valueText = Objects.requireNonNull(valueText, "valueText");
        this.value = defaultValue;
        setFocusable(true);
        setOpaque(false);
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                requestFocusInWindow();
                if (e.getClickCount() >= 2) {
                    gesture(Knob.this.defaultValue);
                    return;
                }
                dragging = true;
                dragStartValue = value;
                dragStartY = e.getY();
                fireStarted();
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                if (!dragging) {
                    return;
                }
                double range = e.isShiftDown() ? DRAG_RANGE * 10 : DRAG_RANGE;
                // Shift pressed or released mid-drag: carry on from here at the new speed.
                double next = clamp(dragStartValue + (dragStartY - e.getY()) / range);
                if (change(next)) {
                    fireChanged();
                }
                if (e.isShiftDown() != fineLast) {
                    fineLast = e.isShiftDown();
                    dragStartValue = value;
                    dragStartY = e.getY();
                }
            }

            private boolean fineLast;

            @Override
            public void mouseReleased(MouseEvent e) {
                if (dragging) {
                    dragging = false;
                    fireEnded();
                }
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        addKeyListener(new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                double step = stepCount > 0 ? 1.0 / stepCount : e.isShiftDown() ? 0.001 : 0.01;
                switch (e.getKeyCode()) {
                    case KeyEvent.VK_UP, KeyEvent.VK_RIGHT -> gesture(value + step);
                    case KeyEvent.VK_DOWN, KeyEvent.VK_LEFT -> gesture(value - step);
                    case KeyEvent.VK_PAGE_UP -> gesture(value + Math.max(step, 0.1));
                    case KeyEvent.VK_PAGE_DOWN -> gesture(value - Math.max(step, 0.1));
                    case KeyEvent.VK_HOME -> gesture(Knob.this.defaultValue);
                    default -> {
                        return;
                    }
                }
                e.consume();
            }
        });
        addFocusListener(new FocusAdapter() {
            @Override
            public void focusGained(FocusEvent e) {
                repaint();
            }

            @Override
            public void focusLost(FocusEvent e) {
                repaint();
            }
        });
        updateAccessibleText();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** The normalized value. */
    public double value() {
        return value;
    }

    public String title() {
        return title;
    }

    /** Renames the knob (a control named after the model's axis). */
    public void setTitle(String title) {
        this.title = Objects.requireNonNull(title, "title");
        updateAccessibleText();
        repaint();
    }

    /** A shorter title, shown when the knob is too narrow for its title. */
    public void setShortTitle(String shortTitle) {
        this.shortTitle = shortTitle;
        repaint();
    }

    /** The value as the knob shows it. */
    public String valueText() {
        return valueText.apply(value);
    }

    /** Moves the knob (automation, a restored preset) without telling the listeners; ignored mid-drag. */
    public void setValue(double normalized) {
        if (!dragging) {
            change(clamp(normalized));
        }
    }

    /** The zones painted on the arc. */
    public void setZones(List<Zone> zones) {
        this.zones = List.copyOf(zones);
        repaint();
    }

    public List<Zone> zones() {
        return zones;
    }

    /** One whole gesture to {@code normalized}: begin, change, end. */
    private void gesture(double normalized) {
        fireStarted();
        if (change(clamp(normalized))) {
            fireChanged();
        }
        fireEnded();
    }

    private boolean change(double next) {
        if (next == value) {
            return false;
        }
        value = next;
        updateAccessibleText();
        repaint();
        return true;
    }

    private double clamp(double v) {
        double c = Math.min(1, Math.max(0, v));
        return stepCount > 0 ? Math.round(c * stepCount) / (double) stepCount : c;
    }

    private void updateAccessibleText() {
        String text = title + ": " + valueText.apply(value);
        setToolTipText("<html>" + text + "<br>drag (Shift: fine), arrows, double-click: reset</html>");
        getAccessibleContext().setAccessibleName(title);
        getAccessibleContext().setAccessibleDescription(text);
    }

    private void fireStarted() {
        for (Listener l : listeners) {
            l.editStarted(this);
        }
    }

    private void fireChanged() {
        for (Listener l : listeners) {
            l.valueChanged(this, value);
        }
    }

    private void fireEnded() {
        for (Listener l : listeners) {
            l.editEnded(this);
        }
    }

    @Override
    public Dimension getPreferredSize() {
        FontMetrics fm = getFontMetrics(getFont());
        int w = Math.max(Math.max(fm.stringWidth("-0000 ms"), fm.stringWidth(title)) + 8, fm.getHeight() * 4);
        return new Dimension(w, fm.getHeight() * 5 + 8);
    }

    @Override
    public Dimension getMinimumSize() {
        FontMetrics fm = getFontMetrics(getFont());
        return new Dimension(Math.max(fm.stringWidth("-00.00 dB") + 4, fm.getHeight() * 3), fm.getHeight() * 4);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            FontMetrics fm = g.getFontMetrics(getFont());
            int line = fm.getHeight();
            int size = Math.max(16, Math.min(getWidth() - 8, getHeight() - 2 * line - 6));
            int x = (getWidth() - size) / 2;
            int y = 2;
            Color fg = color("Label.foreground", Color.LIGHT_GRAY);
            Color track = color("Component.borderColor", Color.GRAY);
            Color accent = color("Component.accentColor", new Color(0x4a9eff));
            float stroke = Math.max(3f, size / 10f);
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            double inset = stroke / 2 + 1;
            double ax = x + inset;
            double ay = y + inset;
            double as = size - 2 * inset;
            g.setColor(track);
            g.draw(new Arc2D.Double(ax, ay, as, as, START, SWEEP, Arc2D.OPEN));
            for (Zone z : zones) {
                g.setColor(z.color());
                g.draw(new Arc2D.Double(ax, ay, as, as, START + SWEEP * z.from(), SWEEP * (z.to() - z.from()), Arc2D.OPEN));
            }
            g.setStroke(new BasicStroke(stroke / 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(accent);
            double from = stepCount == 0 && defaultValue > 0 && defaultValue < 1 ? defaultValue : 0;
            g.draw(new Arc2D.Double(ax + stroke, ay + stroke, as - 2 * stroke, as - 2 * stroke,
                    START + SWEEP * from, SWEEP * (value - from), Arc2D.OPEN));
            double angle = Math.toRadians(START + SWEEP * value);
            double cx = x + size / 2.0;
            double cy = y + size / 2.0;
            double r = as / 2 - stroke;
            g.setColor(fg);
            g.setStroke(new BasicStroke(Math.max(2f, stroke / 2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawLine((int) Math.round(cx + Math.cos(angle) * r * 0.3), (int) Math.round(cy - Math.sin(angle) * r * 0.3),
                    (int) Math.round(cx + Math.cos(angle) * r), (int) Math.round(cy - Math.sin(angle) * r));
            g.setFont(getFont());
            String v = valueText();
            g.drawString(v, (getWidth() - fm.stringWidth(v)) / 2, y + size + fm.getAscent() + 2);
            g.setColor(isFocusOwner() ? accent : color("Label.disabledForeground", Color.GRAY));
            String t = shortTitle != null && fm.stringWidth(title) > getWidth() ? shortTitle : title;
            t = fit(t, fm, getWidth());
            g.drawString(t, (getWidth() - fm.stringWidth(t)) / 2, y + size + line + fm.getAscent() + 2);
        } finally {
            g.dispose();
        }
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c == null ? fallback : c;
    }
}
