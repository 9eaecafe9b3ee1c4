package org.sda.ui.app;

import java.awt.Graphics;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import org.sda.ui.common.Theme;

/** {@code ./sda app}: the desktop app's entry point. */
public final class SdaApp {

    private SdaApp() {
    }

    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> {
            Theme.install();
            AppFrame frame = new AppFrame(AppContext.fromEnvironment());
            if (Boolean.getBoolean("sda.app.timing")) {
                measureStart(frame);
            }
            frame.setVisible(true);
        });
    }

    /**
     * For docs/BENCHMARKS.md: prints the time from the process's start to the window's first paint,
     * once the event thread is free again (interactive). A see-through glass pane notices the paint.
     */
    private static void measureStart(AppFrame frame) {
        JComponent glass = new JComponent() {
            private boolean painted;

            @Override
            protected void paintComponent(Graphics g) {
                if (!painted) {
                    painted = true;
                    SwingUtilities.invokeLater(() -> {
                        System.out.printf(Locale.ROOT, "app painted and interactive after %d ms%n",
                                Duration.between(ProcessHandle.current().info().startInstant().orElseThrow(),
                                        Instant.now()).toMillis());
                        setVisible(false);
                    });
                }
            }
        };
        glass.setOpaque(false);
        frame.setGlassPane(glass);
        glass.setVisible(true);
    }
}
