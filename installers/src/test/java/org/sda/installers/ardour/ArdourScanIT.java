package org.sda.installers.ardour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.install.BundleInstaller;
import org.sda.engine.install.PluginBundle;
import org.sda.engine.instrument.InstrumentParameter;

/**
 * Ardour's VST3 scanner on the installed bundle, and what a session then knows of the plugin:
 * an instrument with one stereo output and every parameter of {@link InstrumentParameter}.
 */
class ArdourScanIT {

    @TempDir
    Path dir;

    @Test
    void theScannerCachesTheBundleAsAnInstrumentAndASessionSeesItsParameters() throws Exception {
        Ardour ardour = Ardour.require();
        Path home = dir.resolve("home");
        Path installed = new BundleInstaller()
                .install(PluginBundle.open(Path.of(System.getProperty("sda.bundle"))), home.resolve(".vst3"))
                .location();

        Ardour.Run scan = ardour.scan(home, installed, Duration.ofMinutes(1));
        System.out.println("ardour-vst3-scanner output:\n" + scan.output());

        assertThat(scan.exitCode()).as(scan.output()).isZero();
        List<Path> caches;
        try (Stream<Path> files = Files.walk(Ardour.cacheFolder(home))) {
            caches = files.filter(f -> f.getFileName().toString().endsWith(".v3i")).toList();
        }
        assertThat(caches).as("VST3 cache files under %s", Ardour.cacheFolder(home)).hasSize(1);
        String cache = Files.readString(caches.get(0));
        System.out.println("cache " + caches.get(0).getFileName() + ":\n" + cache);
        assertThat(cache).contains("name=\"Small DataSet Audio\"", "category=\"Instrument|Synth\"",
                "n_inputs=\"0\"", "n_outputs=\"2\"", "n_midi_inputs=\"1\"");
        Path script = dir.resolve("describe-plugin.lua");
        try (var in = ArdourScanIT.class.getResourceAsStream("describe-plugin.lua")) {
            Files.copy(in, script);
        }
        Ardour.Run describe = ardour.lua(home, script, Duration.ofMinutes(2), dir.resolve("session").toString(),
                "VST3", "Small DataSet Audio");
        List<String> facts = describe.output().lines().filter(l -> l.startsWith("SDA-DESCRIBE "))
                .map(l -> l.substring("SDA-DESCRIBE ".length())).toList();
        System.out.println("what the session sees:\n" + String.join("\n", facts));

        assertThat(facts).as(describe.output()).contains("plugin Small DataSet Audio", "instrument true", "outputs 2");
        // Ardour shows VST3 parameters in their plain units: title, range and default as the table says.
        List<String> params = facts.stream().filter(f -> f.startsWith("param ")).map(f -> f.substring(6)).toList();
        assertThat(params).hasSize(InstrumentParameter.values().length);
        for (InstrumentParameter p : InstrumentParameter.values()) {
            String[] f = params.stream().filter(l -> l.endsWith("|" + p.title())).findFirst()
                    .orElseThrow(() -> new AssertionError("Ardour does not list " + p.title() + ": " + params))
                    .split("\\|");
            assertThat(Double.parseDouble(f[1])).as("%s lower", p.title()).isCloseTo(p.min(), within(1e-6));
            assertThat(Double.parseDouble(f[2])).as("%s upper", p.title()).isCloseTo(p.max(), within(1e-6));
            assertThat(Double.parseDouble(f[3])).as("%s default", p.title()).isCloseTo(p.defaultValue(), within(1e-6));
        }
    }
}
