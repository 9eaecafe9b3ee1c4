package org.sda.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sda.ui.app.SwingHarness.find;
import static org.sda.ui.app.SwingHarness.onEdt;
import static org.sda.ui.app.SwingHarness.runOnEdt;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JCheckBox;
import javax.swing.JSpinner;
import javax.swing.JToggleButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings are remembered between runs of the app, in its JSON file under the config folder. */
class SettingsTest {

    @TempDir
    Path tmp;

    @Test
    void trainingSettingsAreRememberedBetweenRuns() throws Exception {
        SwingHarness.requireDisplay();
        AppContext context = SwingHarness.context(tmp, false);
        AppFrame first = SwingHarness.openApp(context);
        runOnEdt(() -> {
            find(first.trainPanel(), "minutes", JSpinner.class).setValue(3.0);
            find(first.trainPanel(), "advancedToggle", JToggleButton.class).doClick();
            find(first.trainPanel(), "levels", JSpinner.class).setValue(4);
            find(first.trainPanel(), "trainPrior", JCheckBox.class).doClick();
            find(first.trainPanel(), "detailMemory", JCheckBox.class).doClick();
            first.tabbedPane().setSelectedIndex(3);
            first.dispatchEvent(new java.awt.event.WindowEvent(first, java.awt.event.WindowEvent.WINDOW_CLOSING));
        });
        assertThat(onEdt(first::isDisplayable)).as("closed (no training running)").isFalse();
        assertThat(Files.readString(context.settingsFile())).contains("\"minutes\" : 3.0").contains("\"levels\" : 4")
                .contains("\"detailMemory\" : false");

        AppFrame second = SwingHarness.openApp(context);
        try {
            assertThat(onEdt(() -> find(second.trainPanel(), "minutes", JSpinner.class).getValue())).isEqualTo(3.0);
            assertThat(onEdt(() -> find(second.trainPanel(), "levels", JSpinner.class).getValue())).isEqualTo(4);
            assertThat(onEdt(() -> find(second.trainPanel(), "trainPrior", JCheckBox.class).isSelected())).isFalse();
            assertThat(onEdt(() -> find(second.trainPanel(), "detailMemory", JCheckBox.class).isSelected())).isFalse();
            assertThat(onEdt(() -> find(second.trainPanel(), "advancedToggle", JToggleButton.class).isSelected()))
                    .as("the advanced settings stay unfolded").isTrue();
            assertThat(onEdt(() -> second.tabbedPane().getSelectedIndex())).isEqualTo(3);
        } finally {
            runOnEdt(second::dispose);
        }
    }
}
