package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.inference.ToyPrior;

/** A model chosen for new instruments is what a new instrument plays, and what its state names. */
class StartModelTest {

    private static final InstrumentConfig NO_CACHE = new InstrumentConfig(Optional.empty(), Optional.empty(),
            Optional.empty());

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty(StartModel.FILE_PROPERTY);
    }

    @Test
    void aNewInstrumentPlaysTheChosenModelAndSavesItByPath() throws Exception {
        Path model = dir.resolve("chosen.sda");
        ToyPrior.model(model);
        System.setProperty(StartModel.FILE_PROPERTY, dir.resolve("instrument-model").toString());
        StartModel.choose(model);

        try (Instrument instrument = Instruments.create(NO_CACHE)) {
            instrument.prepare(48_000, 256);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!instrument.status().startsWith("Playing") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(instrument.status()).startsWith("Playing");
            String state = new String(instrument.saveState(), StandardCharsets.UTF_8);
            assertThat(state).contains("chosen.sda");
            assertThat(state.replaceAll("\\s", "")).contains("\"demo\":false");
        }
    }

    @Test
    void aChosenModelThatIsGoneIsSaidByName() throws Exception {
        System.setProperty(StartModel.FILE_PROPERTY, dir.resolve("instrument-model").toString());
        StartModel.choose(dir.resolve("deleted.sda"));

        try (Instrument instrument = Instruments.create(NO_CACHE)) {
            instrument.prepare(48_000, 256);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!instrument.status().contains("missing") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(instrument.status()).contains("Model missing").contains("deleted.sda");
            float[] left = new float[256];
            float[] right = new float[256];
            instrument.noteOn(0, 60, 1f);
            assertThat(instrument.render(left, right, 256)).isFalse();
        }
    }
}
