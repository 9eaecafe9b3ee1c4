package org.sda.engine.instrument.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;
import org.sda.engine.instrument.Instrument;
import org.sda.engine.instrument.InstrumentConfig;
import org.sda.engine.instrument.InstrumentParameter;
import org.sda.engine.instrument.Instruments;

class VstPresetTest {

    @TempDir
    Path dir;

    private InstrumentConfig config() {
        return new InstrumentConfig(Optional.empty(), Optional.of(dir.resolve("cache")), Optional.empty());
    }

    @Test
    void theCompChunkRoundTripsByteForByte() throws Exception {
        byte[] state = "{\"format\":\"sda-instrument\",\"formatVersion\":1,\"x\":\"é\u0000\"}".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("p.vstpreset");
        VstPreset.named("Warm & <soft>", state).write(file);
        byte[] bytes = Files.readAllBytes(file);

        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("VST3");
        assertThat(in.getInt(4)).isEqualTo(1);
        assertThat(new String(bytes, 8, 32, StandardCharsets.US_ASCII)).isEqualTo("5DA0C1A57B3E4D219A6F0E5253444131");
        long list = in.getLong(40);
        assertThat(new String(bytes, (int) list, 4, StandardCharsets.US_ASCII)).isEqualTo("List");
        assertThat(in.getInt((int) list + 4)).isEqualTo(2);
        assertThat(new String(bytes, (int) list + 8, 4, StandardCharsets.US_ASCII)).isEqualTo("Comp");
        assertThat(in.getLong((int) list + 12)).isEqualTo(48);
        assertThat(in.getLong((int) list + 20)).isEqualTo(state.length);
        assertThat(Arrays.copyOfRange(bytes, 48, 48 + state.length)).isEqualTo(state);
        assertThat(new String(bytes, (int) list + 28, 4, StandardCharsets.US_ASCII)).as("Info last").isEqualTo("Info");
        assertThat(in.getLong((int) list + 32) + in.getLong((int) list + 40)).isEqualTo(list);

        VstPreset read = VstPreset.read(file);
        assertThat(read.component()).isEqualTo(state);
        assertThat(read.name()).isEqualTo("Warm & <soft>");
        assertThat(read.encode()).isEqualTo(bytes);
    }

    @Test
    void aPresetFromOneInstrumentLoadsIntoANewOneToTheSameState() throws Exception {
        Path model = ToyPrior.model(dir.resolve("toy.sda")).file();
        Path file = dir.resolve("mine.vstpreset");
        byte[] saved;
        try (Instrument a = Instruments.create(config())) {
            a.prepare(48000, 256);
            assertThat(a.loadModel(model).ok()).as(a.status()).isTrue();
            a.setParameter(0, InstrumentParameter.TEMPERATURE.id(), InstrumentParameter.TEMPERATURE.toNormalized(1.37));
            a.setParameter(0, InstrumentParameter.ATTACK.id(), 0.123456789);
            a.setParameter(0, InstrumentParameter.VARIATION_SEED.id(), InstrumentParameter.VARIATION_SEED.toNormalized(42));
            a.setParameter(0, InstrumentParameter.CONTROL_2.id(), 0.3);
            a.render(new float[256], new float[256], 1);
            saved = a.saveState();
            VstPreset.named("Mine", saved).write(file);
        }
        try (Instrument b = Instruments.create(config())) {
            b.prepare(48000, 256);
            Instrument.RestoreResult r = b.restoreState(VstPreset.read(file).component());
            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(b.parameter(InstrumentParameter.ATTACK.id())).isEqualTo(0.123456789);
            assertThat(InstrumentParameter.TEMPERATURE.toPlain(b.parameter(InstrumentParameter.TEMPERATURE.id())))
                    .isCloseTo(1.37, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(b.saveState()).as("the whole state").isEqualTo(saved);
        }
    }

    @Test
    void truncatedForeignAndCorruptPresetsAreRefusedNamingTheFile() throws Exception {
        byte[] good = VstPreset.named("x", "{}".getBytes(StandardCharsets.UTF_8)).encode();
        for (int cut : List.of(0, 3, 20, 47, 60, good.length - 1)) {
            Path f = dir.resolve("cut" + cut + ".vstpreset");
            Files.write(f, Arrays.copyOf(good, cut));
            assertThatThrownBy(() -> VstPreset.read(f)).as("cut at %d", cut).isInstanceOf(PresetException.class)
                    .hasMessageContaining(f.toString());
        }
        byte[] foreign = good.clone();
        System.arraycopy("0123456789ABCDEF0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII), 0, foreign, 8, 32);
        Path f = dir.resolve("foreign.vstpreset");
        Files.write(f, foreign);
        assertThatThrownBy(() -> VstPreset.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("another plugin");

        byte[] corrupt = good.clone();
        ByteBuffer.wrap(corrupt).order(ByteOrder.LITTLE_ENDIAN).putLong(good.length - 40 + 12, 1L << 40);
        Path c = dir.resolve("corrupt.vstpreset");
        Files.write(c, corrupt);
        assertThatThrownBy(() -> VstPreset.read(c)).hasMessageContaining(c.toString()).hasMessageContaining("damaged");

        Path text = dir.resolve("notes.vstpreset");
        Files.writeString(text, "hello, not a preset");
        assertThatThrownBy(() -> VstPreset.read(text)).hasMessageContaining(text.toString()).hasMessageContaining("not a VST3 preset");
    }
}
