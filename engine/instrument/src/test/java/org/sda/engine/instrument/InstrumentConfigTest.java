package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentConfigTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentChoosesTheCacheAndTheFactory() {
        assertThat(InstrumentConfig.fromEnvironment(Map.of(InstrumentConfig.CACHE_VARIABLE, "off")).variationCache())
                .isEmpty();
        assertThat(InstrumentConfig.fromEnvironment(Map.of(InstrumentConfig.CACHE_VARIABLE, "/tmp/v")).variationCache())
                .contains(Path.of("/tmp/v"));
        assertThat(InstrumentConfig.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x")).variationCache())
                .contains(Path.of("/x/sda/variations"));
        assertThat(InstrumentConfig.fromEnvironment(Map.of("SDA_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x"))
                .variationCache()).contains(Path.of("/c/variations"));
        assertThat(InstrumentConfig.fromEnvironment(Map.of(InstrumentConfig.FACTORY_VARIABLE, " a.B ")).factory())
                .contains("a.B");
    }

    @Test
    void aBundlesDemoModelIsItsResourcesDemoWhenThere() throws Exception {
        assertThat(InstrumentConfig.forBundle(dir, Map.of()).demoModel()).isEmpty();
        Files.write(dir.resolve("demo.sda"), new byte[] {1});
        assertThat(InstrumentConfig.forBundle(dir, Map.of()).demoModel()).contains(dir.resolve("demo.sda"));
    }

    @Test
    void theEnginesFactoryIsFoundThroughTheServiceLoaderAndANamedOneMustExist() {
        InstrumentConfig plain = new InstrumentConfig(Optional.empty(), Optional.empty(), Optional.empty());
        ClassLoader loader = getClass().getClassLoader();
        assertThat(InstrumentFactory.find(plain, loader)).isInstanceOf(VariationInstrumentFactory.class);
        assertThat(InstrumentFactory.find(new InstrumentConfig(Optional.empty(), Optional.empty(),
                Optional.of(VariationInstrumentFactory.class.getName())), loader))
                .isInstanceOf(VariationInstrumentFactory.class);
        assertThatThrownBy(() -> InstrumentFactory.find(new InstrumentConfig(Optional.empty(), Optional.empty(),
                Optional.of("no.such.Factory")), loader)).hasMessageContaining("no.such.Factory");
    }
}
