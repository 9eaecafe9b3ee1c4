package org.sda.engine.instrument.preset;

import static org.sda.engine.instrument.InstrumentParameter.ATTACK;
import static org.sda.engine.instrument.InstrumentParameter.CONTROL_1;
import static org.sda.engine.instrument.InstrumentParameter.DECAY;
import static org.sda.engine.instrument.InstrumentParameter.GAIN;
import static org.sda.engine.instrument.InstrumentParameter.RELEASE;
import static org.sda.engine.instrument.InstrumentParameter.SUSTAIN;
import static org.sda.engine.instrument.InstrumentParameter.TEMPERATURE;
import static org.sda.engine.instrument.InstrumentParameter.TOP_P;
import static org.sda.engine.instrument.InstrumentParameter.VARIATION_LOCK;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sda.engine.instrument.DemoStates;
import org.sda.engine.instrument.InstrumentParameter;

/**
 * The factory presets of the built-in demo model: parameter settings on the demo model's state.
 * The bundle's build writes them to {@code Contents/Resources/presets} by running {@link #main}.
 */
public final class FactoryPresets {

    /** One factory preset: its name and the parameters it sets (plain values), the rest at defaults. */
    public record Definition(String name, String category, Map<InstrumentParameter, Double> plain) {
    }

    private FactoryPresets() {}

    /** Every factory preset, in menu order. */
    public static List<Definition> all() {
        return List.of(
                new Definition("Soft pad", "Synth Pad", values(ATTACK, 600.0, RELEASE, 2500.0, SUSTAIN, 85.0,
                        GAIN, -4.0, TEMPERATURE, 0.8, CONTROL_1, -40.0)),
                new Definition("Bright", "Synth Lead", values(CONTROL_1, 80.0, TEMPERATURE, 1.1, TOP_P, 0.98,
                        ATTACK, 5.0, RELEASE, 400.0)),
                new Definition("Short hits", "Drum&Perc", values(ATTACK, 0.0, DECAY, 180.0, SUSTAIN, 0.0,
                        RELEASE, 60.0, GAIN, -2.0)),
                new Definition("Steady", "Synth Pad", values(VARIATION_LOCK, 1.0, TEMPERATURE, 0.6,
                        ATTACK, 40.0, RELEASE, 800.0)),
                new Definition("Wild", "Sound FX", values(TEMPERATURE, 1.6, TOP_P, 1.0, RELEASE, 1200.0)));
    }

    /** The preset of one definition. */
    public static VstPreset preset(Definition d) {
        Map<String, String> meta = new LinkedHashMap<>(VstPreset.named(d.name(), new byte[0]).meta());
        meta.put("MusicalCategory", d.category());
        return new VstPreset(DemoStates.withParameters(d.plain()), meta);
    }

    /** Writes every factory preset into {@code folder} (created); returns the files. */
    public static List<Path> writeAll(Path folder) throws IOException {
        Files.createDirectories(folder);
        PresetLibrary library = new PresetLibrary(folder, null);
        return all().stream().map(d -> {
            try {
                return library.save(d.name(), preset(d));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    /** Writes the factory presets into the folder given as the only argument (the bundle's build). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FactoryPresets <folder>");
            System.exit(2);
        }
        for (Path p : writeAll(Path.of(args[0]))) {
            System.out.println("wrote " + p);
        }
    }

    private static Map<InstrumentParameter, Double> values(Object... pairs) {
        Map<InstrumentParameter, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((InstrumentParameter) pairs[i], (Double) pairs[i + 1]);
        }
        return Map.copyOf(m);
    }
}
