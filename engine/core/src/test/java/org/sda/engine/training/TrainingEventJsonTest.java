package org.sda.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sda.engine.model.SdaManifest;

class TrainingEventJsonTest {

    private static final double NAN = Double.NaN;

    @Test
    void everyEventComesBackAsTheSameRecord() {
        List<TrainingEvent> events = List.of(
                new TrainingEvent.Started(Stage.VQVAE, 0, 16000, 7.5),
                new TrainingEvent.Started(Stage.PRIOR, 0, 8000, NAN),
                new TrainingEvent.Step(Stage.VQVAE, 120, 3, 0.42, 7.5),
                new TrainingEvent.Step(Stage.PRIOR, 40, -1, 3.1, 22.0),
                new TrainingEvent.Epoch(Stage.VQVAE, 3, 120, 0.4, 0.45, NAN, NAN, true, 61.5),
                new TrainingEvent.Epoch(Stage.PRIOR, 2, 40, 3.0, NAN, 21.0, 25.5, false, 12.0),
                new TrainingEvent.Health(3, List.of(new SdaManifest.LevelHealth(0, 0.25, 14.2, 40),
                        new SdaManifest.LevelHealth(1, 0.9, 50.0, 2))),
                new TrainingEvent.Warning("level 0 uses only 25 % of its codes"),
                new TrainingEvent.Info("11 sounds (2 for validation)"),
                new TrainingEvent.Checkpoint("/tmp/m.sda.ckpt", 120),
                new TrainingEvent.Evaluation(4, -14.0, -20.0, 6.0, -15.0),
                new TrainingEvent.Done(Stage.VQVAE, "m.sda", StopReason.TIME_BUDGET, 12, 900, 7.5, 0.31, null, NAN, NAN,
                        NAN, NAN),
                new TrainingEvent.Done(Stage.PRIOR, "m.sda", StopReason.EARLY_STOPPING, 30, 2000, 2.0, NAN, "gru", 18.0,
                        22.0, 0.12, 0.97),
                new TrainingEvent.Error("no usable sounds in /x"));
        for (TrainingEvent e : events) {
            String line = TrainingEventJson.write(e);
            assertThat(line).doesNotContain("\n").doesNotContain("NaN").startsWith("{\"event\":\"" + e.name() + "\"");
            assertThat(TrainingEventJson.read(line)).as(line).contains(e);
        }
    }

    /** The lines the trainer wrote before the records existed still read, field for field. */
    @Test
    void readsTheProtocolAsTheTrainersWroteIt() {
        assertThat(TrainingEventJson.read("{\"event\":\"epoch\",\"stage\":\"prior\",\"epoch\":2,\"step\":40,"
                + "\"trainLoss\":3.0,\"trainPerplexity\":21.0,\"validationPerplexity\":25.5,\"best\":true,\"seconds\":12.0}"))
                .contains(new TrainingEvent.Epoch(Stage.PRIOR, 2, 40, 3.0, NAN, 21.0, 25.5, true, 12.0));
        assertThat(TrainingEventJson.read("{\"event\":\"done\",\"model\":\"m.sda\",\"stoppedBecause\":\"max steps\","
                + "\"epochs\":1,\"steps\":2,\"minutes\":0.1,\"validationLoss\":0.5}").orElseThrow())
                .isEqualTo(new TrainingEvent.Done(Stage.VQVAE, "m.sda", StopReason.STEP_LIMIT, 1, 2, 0.1, 0.5, null, NAN,
                        NAN, NAN, NAN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "WARNING: a library printed this", "{not json", "[1,2]", "{\"event\":\"lunch\"}",
        "{\"no\":\"event\"}"})
    void aLineThatIsNoEventIsSkipped(String line) {
        assertThat(TrainingEventJson.read(line)).isEmpty();
    }

    @Test
    void aKnownEventWithoutItsFieldsSaysWhichIsMissing() {
        assertThatThrownBy(() -> TrainingEventJson.read("{\"event\":\"error\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message");
    }

    @Test
    void stopReasonsReadTheirLabelsAndTheOlderOnes() {
        for (StopReason r : StopReason.values()) {
            assertThat(StopReason.of(r.label())).isEqualTo(r);
        }
        assertThat(StopReason.of("epochs")).isEqualTo(StopReason.EPOCH_LIMIT);
        assertThatThrownBy(() -> StopReason.of("boredom")).hasMessageContaining("boredom");
    }
}
