package org.sda.ui.common;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * An on-screen piano keyboard: press a key with the mouse to play it (lower on the key is louder),
 * drag across keys to glide from one to the next. Also maps a computer keyboard to notes
 * ({@link #noteForKeyCode}): the bottom letter row from Z is the white keys of one octave, the row
 * above (S, D, G, H, J) its black keys; Q to U and 2, 3, 5, 6, 7 play the octave above.
 * Keys held by any source are drawn pressed ({@link #setHeld}). Event thread only.
 */
public final class PianoKeys extends JComponent {

    @Override
    public javax.accessibility.AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                private static final long serialVersionUID = 1L;

                @Override
                public javax.accessibility.AccessibleRole getAccessibleRole() {
                    return javax.accessibility.AccessibleRole.PANEL;
                }
            };
        }
        return accessibleContext;
    }

    private static final long serialVersionUID = 1L;
    private static final boolean[] BLACK = {false, true, false, true, false, false, true, false, true, false, true, false};
    private static final int[] LOWER_ROW = {KeyEvent.VK_Z, KeyEvent.VK_S, KeyEvent.VK_X, KeyEvent.VK_D, KeyEvent.VK_C,
        KeyEvent.VK_V, KeyEvent.VK_G, KeyEvent.VK_B, KeyEvent.VK_H, KeyEvent.VK_N, KeyEvent.VK_J, KeyEvent.VK_M};
    private static final int[] UPPER_ROW = {KeyEvent.VK_Q, KeyEvent.VK_2, KeyEvent.VK_W, KeyEvent.VK_3, KeyEvent.VK_E,
        KeyEvent.VK_R, KeyEvent.VK_5, KeyEvent.VK_T, KeyEvent.VK_6, KeyEvent.VK_Y, KeyEvent.VK_7, KeyEvent.VK_U};

    /** Notes played on the keyboard. Called on the event thread. */
    public interface NoteListener {
        void noteOn(int key, float velocity);

        void noteOff(int key);
    }

    private final int lowest;
    private final int highest;
    private final List<NoteListener> listeners = new CopyOnWriteArrayList<>();
    private final BitSet held = new BitSet(128);
    private int mouseKey = -1;

    /** Keys {@code lowest..highest} (MIDI note numbers); both should be white keys. */
    public PianoKeys(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
        setFocusable(false);
        getAccessibleContext().setAccessibleName("On-screen keyboard");
        setToolTipText("Click to play; computer keys Z–M and Q–U play two octaves");
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                press(keyAt(e.getX(), e.getY()), e.getY());
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                int k = keyAt(e.getX(), e.getY());
                if (k != mouseKey) {
                    release();
                    press(k, e.getY());
                }
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                release();
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
    }

    public void addNoteListener(NoteListener l) {
        listeners.add(l);
    }

    /** The note a computer key plays, with {@code base} the note of Z (a C), or -1 for none. */
    public static int noteForKeyCode(int keyCode, int base) {
        for (int i = 0; i < 12; i++) {
            if (LOWER_ROW[i] == keyCode) {
                return base + i;
            }
            if (UPPER_ROW[i] == keyCode) {
                return base + 12 + i;
            }
        }
        return -1;
    }

    /** Draws {@code key} held or not (a note from the computer keyboard or MIDI). */
    public void setHeld(int key, boolean on) {
        if (key >= 0 && key < 128 && held.get(key) != on) {
            held.set(key, on);
            repaint();
        }
    }

    public boolean isHeld(int key) {
        return key >= 0 && key < 128 && held.get(key);
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    private void press(int key, int y) {
        if (key < 0) {
            return;
        }
        mouseKey = key;
        float velocity = (float) Math.min(1, Math.max(0.2, 0.3 + 0.7 * y / Math.max(1.0, getHeight())));
        setHeld(key, true);
        for (NoteListener l : listeners) {
            l.noteOn(key, velocity);
        }
    }

    private void release() {
        if (mouseKey < 0) {
            return;
        }
        int key = mouseKey;
        mouseKey = -1;
        setHeld(key, false);
        for (NoteListener l : listeners) {
            l.noteOff(key);
        }
    }

    private int whiteCount() {
        int n = 0;
        for (int k = lowest; k <= highest; k++) {
            n += BLACK[k % 12] ? 0 : 1;
        }
        return n;
    }

    /** The key's rectangle in this component. */
    public Rectangle keyBounds(int key) {
        double w = getWidth() / (double) whiteCount();
        int whiteIndex = 0;
        for (int k = lowest; k < key; k++) {
            whiteIndex += BLACK[k % 12] ? 0 : 1;
        }
        if (BLACK[key % 12]) {
            double bw = w * 0.6;
            return new Rectangle((int) Math.round(whiteIndex * w - bw / 2), 0, (int) Math.round(bw), (int) (getHeight() * 0.6));
        }
        return new Rectangle((int) Math.round(whiteIndex * w), 0, (int) Math.round(w), getHeight());
    }

    /** The key under a point, black keys first; -1 outside. */
    public int keyAt(int x, int y) {
        for (int k = lowest; k <= highest; k++) {
            if (BLACK[k % 12] && keyBounds(k).contains(x, y)) {
                return k;
            }
        }
        for (int k = lowest; k <= highest; k++) {
            if (!BLACK[k % 12] && keyBounds(k).contains(x, y)) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public Dimension getPreferredSize() {
        int h = getFontMetrics(getFont()).getHeight();
        return new Dimension(whiteCount() * h * 3 / 2, h * 5);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            Color accent = UIManager.getColor("Component.accentColor");
            if (accent == null) {
                accent = new Color(0x4a9eff);
            }
            for (int k = lowest; k <= highest; k++) {
                if (!BLACK[k % 12]) {
                    Rectangle r = keyBounds(k);
                    g.setColor(held.get(k) ? accent : new Color(0xEEEEEE));
                    g.fillRect(r.x, r.y, r.width, r.height);
                    g.setColor(Color.DARK_GRAY);
                    g.drawRect(r.x, r.y, r.width - 1, r.height - 1);
                    if (k % 12 == 0) {
                        g.setColor(Color.GRAY);
                        String name = "C" + (k / 12 - 1);
                        g.drawString(name, r.x + (r.width - g.getFontMetrics().stringWidth(name)) / 2, r.height - 4);
                    }
                }
            }
            for (int k = lowest; k <= highest; k++) {
                if (BLACK[k % 12]) {
                    Rectangle r = keyBounds(k);
                    g.setColor(held.get(k) ? accent.darker() : new Color(0x222222));
                    g.fillRect(r.x, r.y, r.width, r.height);
                }
            }
        } finally {
            g.dispose();
        }
    }
}
