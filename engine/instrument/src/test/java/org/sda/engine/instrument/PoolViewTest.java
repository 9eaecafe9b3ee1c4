package org.sda.engine.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a display reads from the instrument: the pool's next variation, the model's facts, refusals. */
class PoolViewTest {

    private static final int RATE = 48000;

    @TempDir
    Path dir;

    @Test
    void thePoolViewNamesTheVariationTheNextNotePlays() throws Exception {
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            assertThat(rig.instrument.poolView()).isEqualTo(PoolView.EMPTY);
            rig.instrument.loadModel(Rig.model(dir, "a.sda", 1));
            rig.instrument.setParameter(0, InstrumentParameter.POOL_SIZE.id(), InstrumentParameter.POOL_SIZE.toNormalized(4));
            rig.render(Rig.BLOCK); // parameter events take effect at the next block
            rig.awaitReady(4);
            PoolView before = rig.instrument.poolView();
            assertThat(before.ready()).isEqualTo(4);
            assertThat(before.poolSize()).isEqualTo(4);
            assertThat(before.nextIndex()).isZero();
            rig.instrument.noteOn(0, 60, 1f);
            rig.render(Rig.BLOCK);
            PoolView after = rig.instrument.poolView();
            assertThat(after.nextIndex()).as("the note took variation 0").isEqualTo(1);
            rig.instrument.setParameter(0, InstrumentParameter.VARIATION_LOCK.id(), 1);
            rig.render(Rig.BLOCK);
            assertThat(rig.instrument.poolView().locked()).isTrue();
            assertThat(rig.instrument.poolView().nextIndex()).as("locked: every note plays variation 0").isZero();
        }
    }

    @Test
    void aCorruptModelIsRefusedNamingItAndThePlayingModelPlaysOn() throws Exception {
        Path good = Rig.model(dir, "good.sda", 1);
        Path bad = dir.resolve("broken.sda");
        Files.write(bad, "not a model at all".getBytes(StandardCharsets.UTF_8));
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            assertThat(rig.instrument.loadModel(good).ok()).isTrue();
            ModelInfo info = rig.instrument.modelInfo().orElseThrow();
            rig.awaitReady(1);
            Instrument.RestoreResult refused = rig.instrument.loadModel(bad);
            assertThat(refused.ok()).isFalse();
            assertThat(refused.message()).contains("broken.sda").contains("refused").contains("still playing");
            assertThat(rig.instrument.modelInfo()).contains(info);
            assertThat(rig.instrument.status()).startsWith("Playing");
            rig.instrument.noteOn(0, 60, 1f);
            float[] out = rig.render(4 * Rig.BLOCK);
            double energy = 0;
            for (float v : out) {
                energy += v * v;
            }
            assertThat(energy).as("the good model still sounds").isGreaterThan(0);
        }
    }

    @Test
    void theModelInfoComesFromTheManifest() throws Exception {
        try (Rig rig = new Rig()) {
            rig.instrument.prepare(RATE, Rig.BLOCK);
            Path file = Rig.model(dir, "m.sda", 3);
            rig.instrument.loadModel(file);
            ModelInfo info = rig.instrument.modelInfo().orElseThrow();
            assertThat(info.file()).isEqualTo(file);
            assertThat(info.demo()).isFalse();
            assertThat(info.name()).isNotBlank();
        }
    }
}
