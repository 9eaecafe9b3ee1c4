package org.sda.ui.editor.plugin;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sda.engine.bridge.PluginBridge;
import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.ui.editor.EditorLook;
import org.sda.ui.editor.EditorPanel;
import org.sda.ui.editor.PlayedInstrument;

/**
 * The editor panel of one plugin instance, embedded in a window of the host: what the shim's
 * {@code IPlugView} (view.c) calls through JNI. Every method is called on the host's UI thread
 * and does its Swing work on Swing's event thread, waiting for it where the host needs an answer
 * ({@link #size}, {@link #attach}, {@link #detach}, {@link #close}).
 *
 * <p>The panel is embedded with the JDK's {@code sun.awt.X11.XEmbeddedFrame}, a frame whose X11
 * window is a child of the host's window (the shim opens {@code java.desktop/sun.awt.X11} to us
 * when it starts the JVM). Edits go to a {@link HostEdits} queue that the shim takes on the host's
 * UI thread; notes from the on-screen keyboard reach the instrument on its render thread.
 */
public final class EmbeddedEditor {

    private static final long EDT_TIMEOUT_SECONDS = 20;
    private static boolean lookInstalled;   // event thread

    private final PlayedInstrument played;
    private final EditorPanel panel;
    private final HostEdits edits;
    private static final int ID_LIMIT = java.util.Arrays.stream(InstrumentParameter.values())
            .mapToInt(InstrumentParameter::id).max().orElse(0) + 1;

    private final double[] hostValues = new double[ID_LIMIT];  // guarded by itself
    private boolean hostValuesPending;       // guarded by hostValues
    private Frame frame;                    // event thread

    private EmbeddedEditor(PlayedInstrument played, EditorPanel panel, HostEdits edits) {
        this.played = played;
        this.panel = panel;
        this.edits = edits;
        java.util.Arrays.fill(hostValues, Double.NaN);
    }

    /**
     * Why no editor can be shown in this process, or {@code null} when one can (createView asks,
     * so that a host without a display shows its generic editor instead of an empty window).
     */
    public static String unavailable() {
        return GraphicsEnvironment.isHeadless() ? "no display to show the editor on (DISPLAY is not set)" : null;
    }

    /**
     * Builds the panel of {@code bridge}'s instrument (not shown yet). {@code bundleResources} is
     * the bundle's {@code Contents/Resources} (factory presets); {@code scale} the host's content
     * scale, applied when the first editor of the process sets the look up. {@code editsQueued}
     * is the shim's flag (a direct buffer over 4 bytes) that says edits wait to be taken.
     */
    public static EmbeddedEditor open(PluginBridge bridge, String bundleResources, float scale,
                                      ByteBuffer editsQueued) throws Exception {
        String why = unavailable();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        PresetLibrary presets = PresetLibrary.forUser(Path.of(bundleResources, "presets"));
        // The on-screen keyboard plays through the shim's renderer, like the host's notes.
        PlayedInstrument played = new PlayedInstrument(bridge.instrument(), bridge::playNote);
        HostEdits edits = new HostEdits(editsQueued);
        EmbeddedEditor editor = onEdt(() -> {
            installLook(scale);
            return new EmbeddedEditor(played, new EditorPanel(played, edits, presets), edits);
        });
        return editor;
    }

    /** The panel's preferred width and height, then its minimum width and height, in pixels. */
    public int[] size() throws Exception {
        return onEdt(() -> {
            Dimension preferred = panel.getPreferredSize();
            Dimension minimum = panel.getMinimumSize();
            return new int[] {preferred.width, preferred.height,
                Math.min(minimum.width, preferred.width), Math.min(minimum.height, preferred.height)};
        });
    }

    /**
     * Shows the panel in the host's X11 window {@code window}, at {@code width} x {@code height}.
     * Returns {@code null}, or what went wrong in words (the host then keeps its own editor).
     */
    public String attach(long window, int width, int height) {
        try {
            onEdt(() -> {
                if (frame != null) {
                    throw new IllegalStateException("the editor is attached already");
                }
                Frame f = embeddedFrame(window);
                f.setLayout(new BorderLayout());
                f.add(panel, BorderLayout.CENTER);
                f.setBounds(0, 0, width, height);
                f.setVisible(true);
                f.validate();
                frame = f;
                return null;
            });
            return null;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The host resized its window. */
    public void resize(int width, int height) {
        EventQueue.invokeLater(() -> {
            if (frame != null) {
                frame.setSize(width, height);
                frame.validate();
            }
        });
    }

    /**
     * The host set parameter {@code id} (automation): the knob follows. Automation playback sets
     * parameters at the host's block rate; the latest value of each waits here, and one event
     * task at a time shows them all.
     */
    public void hostChanged(int id, double normalized) {
        if (id < 0 || id >= hostValues.length) {
            return;
        }
        synchronized (hostValues) {
            hostValues[id] = normalized;
            if (hostValuesPending) {
                return;
            }
            hostValuesPending = true;
        }
        EventQueue.invokeLater(this::showHostValues);
    }

    private void showHostValues() {
        double[] latest;
        synchronized (hostValues) {
            latest = hostValues.clone();
            java.util.Arrays.fill(hostValues, Double.NaN);
            hostValuesPending = false;
        }
        for (int id = 0; id < latest.length; id++) {
            if (!Double.isNaN(latest[id])) {
                panel.showHostValue(id, latest[id]);
            }
        }
    }

    /** Host's UI thread: the queued edits as (kind, id, value) triples; returns how many. */
    public int takeEdits(double[] into) {
        return edits.takeInto(into);
    }

    /** Takes the panel out of the host's window and frees that frame (the panel stays). */
    public void detach() throws Exception {
        onEdt(() -> {
            disposeFrame();
            return null;
        });
    }

    /** Frees the panel: its timer, its loader thread, the frame. Not used again. */
    public void close() throws Exception {
        played.allNotesOff();
        onEdt(() -> {
            disposeFrame();
            panel.dispose();
            edits.forgetSignal();             // gestures run on this thread: none can come after
            return null;
        });
    }

    private void disposeFrame() {
        if (frame != null) {
            frame.remove(panel);
            frame.dispose();
            frame = null;
        }
    }

    private static void installLook(float scale) {
        if (lookInstalled) {
            return;
        }
        // Swing loads a look's UI classes through the event thread's context class loader, or the
        // "ClassLoader" default. In a DAW the event thread was started from a host thread attached
        // through JNI, whose context loader does not hold our jars: without this every component
        // failed with "no ComponentUI class".
        ClassLoader ours = EmbeddedEditor.class.getClassLoader();
        Thread.currentThread().setContextClassLoader(ours);
        // FlatLaf reads its scale once, when it is set up: a host's content scale counts for the
        // first editor of the process (later ones share the look).
        if (scale > 0 && Math.abs(scale - 1f) > 0.01f && System.getProperty("flatlaf.uiScale") == null) {
            System.setProperty("flatlaf.uiScale", Float.toString(scale));
        }
        EditorLook.install();
        javax.swing.UIManager.put("ClassLoader", ours);
        lookInstalled = true;
    }

    /** A frame whose X11 window is a child of {@code window}; needs java.desktop/sun.awt.X11 opened. */
    private static Frame embeddedFrame(long window) throws ReflectiveOperationException {
        Class<?> type = Class.forName("sun.awt.X11.XEmbeddedFrame");
        try {
            // false: VST3 hosts give a plain parent window, not an XEmbed socket.
            return (Frame) type.getConstructor(long.class, boolean.class).newInstance(window, false);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static <T> T onEdt(Callable<T> call) throws Exception {
        if (EventQueue.isDispatchThread()) {
            return call.call();
        }
        FutureTask<T> task = new FutureTask<>(call);
        EventQueue.invokeLater(task);
        try {
            return task.get(EDT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("Swing's event thread did not answer in " + EDT_TIMEOUT_SECONDS + " s");
        }
    }
}
