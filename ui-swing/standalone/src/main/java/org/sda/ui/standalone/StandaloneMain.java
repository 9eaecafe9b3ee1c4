package org.sda.ui.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.SwingUtilities;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.Instruments;
import org.sda.engine.instrument.preset.FactoryPresets;
import org.sda.engine.instrument.preset.PresetLibrary;
import org.sda.ui.editor.EditorLook;

/**
 * {@code sda host}: the instrument in a window of its own. Plays the demo model of the checkout
 * (or of {@code -Dsda.home}) until another is chosen; factory presets come from the checkout's
 * bundle build when it is there.
 */
public final class StandaloneMain {

    private StandaloneMain() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("sda.home", "."));
        Path demo = home.resolve("installers/demo-model/demo.sda");
        Instrument instrument = Instruments.create(InstrumentConfig.fromEnvironment()
                .withDemoModel(Files.isRegularFile(demo) ? demo : null));
        StandaloneHost host = new StandaloneHost(instrument);
        Path bundlePresets = home.resolve("installers/target/SmallDataSetAudio.vst3/Contents/Resources/presets");
        Path factory = bundlePresets;
        if (!Files.isDirectory(factory)) {
            // No bundle built in this checkout: the same factory presets, written where caches go.
            factory = Path.of(System.getProperty("user.home"), ".cache", "sda", "factory-presets");
            FactoryPresets.writeAll(factory);
        }
        PresetLibrary presets = PresetLibrary.forUser(factory);
        Path recordings = Path.of(System.getProperty("user.home"), "Music", "Small DataSet Audio");
        AudioSettings settings = AudioSettings.DEFAULT;
        SwingUtilities.invokeAndWait(() -> {
            EditorLook.install();
            HostWindow window = new HostWindow(host, presets, recordings);
            window.setVisible(true);
            new Thread(() -> {
                host.startAudio(settings);
                SwingUtilities.invokeLater(window::audioChanged);
            }, "sda-host-audio-start").start();
        });
    }
}
