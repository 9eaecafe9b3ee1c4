package org.sda.ui.editor;

import java.awt.Component;
import java.awt.Container;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/**
 * Drives Swing components in tests the way a person would (mouse and key events dispatched to
 * them), on the event thread. Works without a window or an X server: the components are laid
 * out by hand.
 */
public final class Ui {

    private Ui() {}

    /** Runs {@code task} on the event thread and returns its result. */
    public static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Sizes {@code root} and lays out its whole tree (no window needed). */
    public static void layOut(Container root, int width, int height) {
        root.setSize(width, height);
        layOutTree(root);
    }

    private static void layOutTree(Container c) {
        c.doLayout();
        for (Component child : c.getComponents()) {
            if (child instanceof Container cc) {
                layOutTree(cc);
            }
        }
    }

    /** The component named {@code name} under {@code root}. */
    public static <T extends Component> T find(Container root, String name, Class<T> type) {
        T found = findOrNull(root, name, type);
        if (found == null) {
            throw new AssertionError("no " + type.getSimpleName() + " named " + name);
        }
        return found;
    }

    private static <T extends Component> T findOrNull(Container root, String name, Class<T> type) {
        for (Component child : root.getComponents()) {
            if (name.equals(child.getName()) && type.isInstance(child)) {
                return type.cast(child);
            }
            if (child instanceof Container cc) {
                T found = findOrNull(cc, name, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static void mouse(Component c, int id, int x, int y, int modifiers, int clicks) {
        c.dispatchEvent(new MouseEvent(c, id, System.currentTimeMillis(), modifiers, x, y, clicks, false,
                MouseEvent.BUTTON1));
    }

    /** Presses at the centre, drags {@code up} pixels upwards, releases. */
    public static void dragUp(Component c, int up, boolean shift) {
        int x = c.getWidth() / 2;
        int y = c.getHeight() / 2;
        int mods = InputEvent.BUTTON1_DOWN_MASK | (shift ? InputEvent.SHIFT_DOWN_MASK : 0);
        mouse(c, MouseEvent.MOUSE_PRESSED, x, y, mods, 1);
        for (int step = 1; step <= up; step += Math.max(1, up / 5)) {
            mouse(c, MouseEvent.MOUSE_DRAGGED, x, y - step, mods, 0);
        }
        mouse(c, MouseEvent.MOUSE_DRAGGED, x, y - up, mods, 0);
        mouse(c, MouseEvent.MOUSE_RELEASED, x, y - up, mods & ~InputEvent.BUTTON1_DOWN_MASK, 1);
    }

    /**
     * A key press and release on {@code c}, given to its key listeners as if it had the focus
     * (without a window there is no focus owner for the keyboard focus manager to route to).
     */
    public static void key(Component c, int code, int modifiers) {
        KeyEvent press = new KeyEvent(c, KeyEvent.KEY_PRESSED, System.currentTimeMillis(), modifiers, code,
                KeyEvent.CHAR_UNDEFINED);
        KeyEvent release = new KeyEvent(c, KeyEvent.KEY_RELEASED, System.currentTimeMillis(), modifiers, code,
                KeyEvent.CHAR_UNDEFINED);
        for (java.awt.event.KeyListener l : c.getKeyListeners()) {
            l.keyPressed(press);
        }
        for (java.awt.event.KeyListener l : c.getKeyListeners()) {
            l.keyReleased(release);
        }
    }

    /** Waits (up to two minutes) for {@code condition}, checked on the event thread. */
    public static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!onEdt(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
