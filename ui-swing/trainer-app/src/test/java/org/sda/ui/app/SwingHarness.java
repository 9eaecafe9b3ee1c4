package org.sda.ui.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.swing.JComponent;
import javax.swing.RepaintManager;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioEncoding;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.training.TrainerProcess;
import org.sda.ui.common.Theme;

/**
 * What the app's UI tests share: a real window (they need an X server: CI runs them under
 * xvfb-run; elsewhere without one they are skipped, saying so), component lookup by name, running
 * on the EDT, waiting for a condition, and sounds to import.
 */
public final class SwingHarness {

    private SwingHarness() {
    }

    /** Skips the test (outside CI) or fails it (in CI) when there is no display to open windows on. */
    public static void requireDisplay() {
        if (!GraphicsEnvironment.isHeadless()) {
            return;
        }
        String why = "no X server (DISPLAY is not set): the app's window tests need one; run them under xvfb-run "
                + "(as .ci/run does)";
        if (System.getenv("CI") != null || Boolean.getBoolean("sda.ui.required")) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    /** The trainer of this checkout (the reactor builds it before ui-swing). */
    public static String trainerClassPath() {
        Optional<String> cp = TrainerProcess.classPath(AppContext.home());
        if (cp.isEmpty()) {
            fail("the trainer is not built in " + AppContext.home().orElse(null) + ": build it first "
                    + "(./mvnw -DskipTests package -pl trainer -am)");
        }
        return cp.get();
    }

    /** An app context with everything in {@code dir}. */
    public static AppContext context(Path dir, boolean withTrainer) {
        return new AppContext(dir.resolve("library"), dir.resolve("config").resolve("app.json"),
                dir.resolve("training"), withTrainer ? Optional.of(trainerClassPath()) : Optional.empty());
    }

    public static <T> T onEdt(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(body.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    public static void runOnEdt(Runnable body) throws Exception {
        SwingUtilities.invokeAndWait(body);
    }

    /** Waits (polling on the EDT) until {@code condition} holds, failing with {@code what} after {@code seconds}. */
    public static void waitFor(String what, double seconds, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (onEdt(condition::getAsBoolean)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("timed out after " + seconds + " s waiting for: " + what);
    }

    /** The component named {@code name} of type {@code type} under {@code root}. */
    public static <T extends Component> T find(Container root, String name, Class<T> type) {
        T found = search(root, name, type);
        if (found == null) {
            fail("no " + type.getSimpleName() + " named " + name + " in " + root.getName());
        }
        return found;
    }

    private static <T extends Component> T search(Container root, String name, Class<T> type) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName()) && type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof Container inner) {
                T found = search(inner, name, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Opens the app's window on {@code context}, with the theme, and waits for its library. */
    public static AppFrame openApp(AppContext context) throws Exception {
        AppFrame frame = onEdt(() -> {
            Theme.install();
            AppFrame f = new AppFrame(context);
            f.setSize(1360, 880);
            f.setLocation(0, 0);
            f.setVisible(true);
            return f;
        });
        waitFor("the library to open", 60, () -> !frame.libraryPanel().busy());
        return frame;
    }

    /**
     * Saves a picture of the window as {@code name}.png under the folder named by the system property
     * {@code sda.ui.screenshots}, when it is set (for people to look at; nothing asserts on pixels).
     */
    public static void screenshot(java.awt.Window window, String name) throws Exception {
        String dir = System.getProperty("sda.ui.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        java.awt.Rectangle bounds = onEdt(window::getBounds);
        Thread.sleep(300);
        java.awt.image.BufferedImage image = new java.awt.Robot().createScreenCapture(bounds);
        Files.createDirectories(Path.of(dir));
        javax.imageio.ImageIO.write(image, "png", Path.of(dir).resolve(name + ".png").toFile());
    }

    /** Writes {@code count} short decaying tones as WAV files, with different pitches. */
    public static List<Path> writeTones(Path dir, int count, double seconds) throws Exception {
        Files.createDirectories(dir);
        List<Path> out = new java.util.ArrayList<>();
        int rate = 44_100;
        for (int n = 0; n < count; n++) {
            double f = 110 * Math.pow(2, n / 3.0);
            int frames = (int) (seconds * rate);
            float[] x = new float[frames];
            for (int i = 0; i < frames; i++) {
                double t = (double) i / rate;
                x[i] = (float) (0.5 * Math.exp(-3 * t) * Math.min(1, t * 200) * (Math.sin(2 * Math.PI * f * t)
                        + 0.3 * Math.sin(2 * Math.PI * 2.01 * f * t) + 0.05 * Math.sin(2 * Math.PI * 7.3 * f * t)));
            }
            Path file = dir.resolve(String.format("tone-%02d.wav", n));
            AudioFiles.write(file, new AudioBuffer(new float[][] {x}, rate), AudioEncoding.WAV_PCM16);
            out.add(file);
        }
        return out;
    }

    /**
     * A repaint manager that counts Swing repaints asked for off the EDT (a component touched from
     * a worker or the trainer's reader thread), the common threading mistake.
     */
    public static final class EdtCheckingRepaintManager extends RepaintManager {
        public final java.util.concurrent.atomic.AtomicInteger violations = new java.util.concurrent.atomic.AtomicInteger();
        public volatile String first;

        @Override
        public synchronized void addInvalidComponent(JComponent c) {
            check(c);
            super.addInvalidComponent(c);
        }

        @Override
        public void addDirtyRegion(JComponent c, int x, int y, int w, int h) {
            check(c);
            super.addDirtyRegion(c, x, y, w, h);
        }

        private void check(JComponent c) {
            if (!SwingUtilities.isEventDispatchThread() && c.isShowing()) {
                if (violations.getAndIncrement() == 0) {
                    first = c.getClass().getName() + " " + c.getName() + " from " + Thread.currentThread().getName();
                }
            }
        }
    }
}
