package org.sda.ui.app;

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
            frame.setVisible(true);
            if (Boolean.getBoolean("sda.app.timing")) {
                // Measured for docs/BENCHMARKS.md: from the JVM's start to a shown window whose event
                // thread has handled the events of showing it.
                SwingUtilities.invokeLater(() -> System.out.printf(java.util.Locale.ROOT,
                        "app interactive after %d ms%n", java.time.Duration.between(ProcessHandle.current().info()
                                .startInstant().orElseThrow(), java.time.Instant.now()).toMillis()));
            }
        });
    }
}
