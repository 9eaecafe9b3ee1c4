package org.sda.ui.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.SwingUtilities;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.Instruments;
import org.sda.engine.instrument.preset.FactoryPresets;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.ui.editor.EditorLook;

/**
 * Opens the host's window at a given size for screenshots under a virtual X server (not a test):
 * {@code ScreenshotScenes WIDTH HEIGHT [MODEL_TO_LOAD]}; with a third argument, loads that model
 * once the demo plays, so a refused model's message can be seen.
 */
public final class ScreenshotScenes {

    private ScreenshotScenes() {}

    public static void main(String[] args) throws Exception {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        Path home = Path.of(System.getProperty("sda.home", "."));
        Path demo = home.resolve("installers/demo-model/demo.sda");
        StandaloneHost host = new StandaloneHost(Instruments.create(InstrumentConfig.fromEnvironment().withDemoModel(demo)));
        Path presets = Files.createTempDirectory("sda-presets");
        FactoryPresets.writeAll(presets);
        host.start(AudioSettings.DEFAULT, true);
        SwingUtilities.invokeAndWait(() -> {
            EditorLook.install();
            HostWindow w = new HostWindow(host, new PresetLibrary(presets.resolve("user"), presets), presets);
            w.setSize(width, height);
            w.setLocation(0, 0);
            w.setVisible(true);
            w.audioChanged();
            if (args.length > 2) {
                new Thread(() -> {
                    while (host.played().instrument().modelInfo().isEmpty()) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    SwingUtilities.invokeLater(() -> w.editor().loadModel(Path.of(args[2])));
                }).start();
            }
        });
    }
}
