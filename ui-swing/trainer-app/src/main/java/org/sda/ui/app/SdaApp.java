package org.sda.ui.app;

import javax.swing.SwingUtilities;
import org.sda.ui.common.Theme;

/** {@code ./sda app}: the desktop app's entry point. */
public final class SdaApp {

    private SdaApp() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        SwingUtilities.invokeLater(() -> {
            Theme.install();
            AppFrame frame = new AppFrame(AppContext.fromEnvironment());
            frame.setVisible(true);
            if (Boolean.getBoolean("sda.app.timing")) {
                // Measured for docs/BENCHMARKS.md: start to a shown, interactive window.
                SwingUtilities.invokeLater(() -> System.out.printf(java.util.Locale.ROOT,
                        "app interactive after %.0f ms%n", (System.nanoTime() - started) / 1e6));
            }
        });
    }
}
