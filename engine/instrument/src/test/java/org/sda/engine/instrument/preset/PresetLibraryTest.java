package org.sda.engine.instrument.preset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.instrument.Instruments;

class PresetLibraryTest {

    @TempDir
    Path dir;

    @Test
    void theUserFolderIsWhereVst3HostsLookOnLinux() {
        assertThat(PresetLibrary.userFolder(Path.of("/home/ann")))
                .isEqualTo(Path.of("/home/ann/.vst3/presets/Small DataSet Audio/Small DataSet Audio"));
    }

    @Test
    void factoryPresetsComeFirstAndNextPreviousWrap() throws Exception {
        Path factory = dir.resolve("factory");
        List<Path> made = FactoryPresets.writeAll(factory);
        assertThat(made).hasSize(FactoryPresets.all().size());
        PresetLibrary library = new PresetLibrary(dir.resolve("user"), factory);
        Path mine = library.save("My/sound", VstPreset.named("My/sound", "{}".getBytes()));
        assertThat(mine.getFileName().toString()).isEqualTo("My_sound.vstpreset");
        List<Path> all = library.list();
        assertThat(all).hasSize(made.size() + 1).last().isEqualTo(mine);
        assertThat(library.step(mine, 1)).isEqualTo(all.get(0));
        assertThat(library.step(all.get(0), -1)).isEqualTo(mine);
        assertThat(library.step(null, 1)).isEqualTo(all.get(0));
    }

    @Test
    void eachFactoryPresetSetsItsParametersOnTheDemoModel() throws Exception {
        InstrumentConfig config = new InstrumentConfig(Optional.empty(), Optional.of(dir.resolve("cache")), Optional.empty());
        for (FactoryPresets.Definition d : FactoryPresets.all()) {
            Path file = new PresetLibrary(dir, null).save(d.name(), FactoryPresets.preset(d));
            VstPreset read = VstPreset.read(file);
            assertThat(read.name()).isEqualTo(d.name());
            assertThat(new String(read.component(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"demo\" : true");
            try (Instrument instrument = Instruments.create(config)) {
                instrument.restoreState(read.component());
                d.plain().forEach((p, v) -> assertThat(p.toPlain(instrument.parameter(p.id())))
                        .as("%s %s", d.name(), p).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-9)));
                assertThat(instrument.parameter(InstrumentParameter.GAIN.id()))
                        .isEqualTo(InstrumentParameter.GAIN.toNormalized(d.plain().getOrDefault(InstrumentParameter.GAIN, 0.0)));
            }
        }
    }
}
