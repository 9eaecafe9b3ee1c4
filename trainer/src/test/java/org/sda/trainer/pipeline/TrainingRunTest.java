package org.sda.trainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.engine.training.Stage;
import org.sda.engine.training.StopReason;
import org.sda.engine.training.TrainingEvent;
import org.sda.engine.training.TrainingEventJson;
import org.sda.trainer.TestAudio;

/** The trainer's API, driven as the mains and the trainer app drive it: a request in, events out, a result. */
class TrainingRunTest {

    /** A tiny RVQ-VAE of 30 steps on the sounds in {@code data}. */
    private static VqVaeRequest tiny(Path data, Path model) {
        return new VqVaeRequest(List.of(data), model, 16, 2, 0.25, 8, 2, 16, Lookup.COSINE, DecoderOutput.LINEAR,
                Decoder.CONV, 0,
                400, 5, 30, 4, 32, 0.001f, 3, false, true, true, true, 0, VqVaeRequest.Experiment.NONE);
    }

    @Test
    void aTinyRunReportsTypedEventsThatSurviveTheJsonProtocol(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("run.sda");
        List<TrainingEvent> events = new ArrayList<>();
        TrainingRun run = new TrainingRun(events::add);

        TrainingRun.VqVaeResult vq = run.trainVqVae(tiny(data, model));
        TrainingRun.PriorResult prior = run.trainPrior(new PriorRequest(model, List.of(data), null,
                PriorArchitecture.GRU, TokenLayout.Order.FLAT, null, null, null, null, null, 1.0, 20, 200, 1, 3, true,
                32, true));

        assertThat(vq.model()).isEqualTo(model);
        assertThat(vq.training().stoppedBecause()).isEqualTo(StopReason.STEP_LIMIT);
        assertThat(prior.model()).isEqualTo(model);
        SdaManifest.Prior written = SdaModelFile.read(model).manifest().prior();
        assertThat(written).isNotNull();
        // The detail of the training sounds was kept after the RVQ-VAE, and the prior's rewrite kept it.
        assertThat(SdaModelFile.read(model).optionalEntry(SdaModel.DETAIL_MEMORY)).isPresent();
        assertThat(events).anyMatch(e -> e instanceof TrainingEvent.Info i && i.message().startsWith("kept the detail"));
        // The sampling temperature was chosen from sounds really generated at each temperature tried.
        assertThat(written.sampling()).isNotNull();
        assertThat(written.sampling().measured()).isNotEmpty()
                .allSatisfy(t -> assertThat(t.jumpRatio()).isNotNegative())
                .extracting(SdaManifest.SamplingTrial::temperature).contains(written.sampling().temperature());
        assertThat(written.sampling().measured().get(0).temperature()).isEqualTo(1.0);
        // What a parent process reads back from the trainer's stdout is the very records it wrote.
        for (TrainingEvent e : events) {
            assertThat(TrainingEventJson.read(TrainingEventJson.write(e))).isEqualTo(Optional.of(e));
        }
        assertThat(events).first().isInstanceOf(TrainingEvent.Info.class);
        assertThat(events).filteredOn(TrainingEvent.Started.class::isInstance)
                .extracting(e -> ((TrainingEvent.Started) e).stage()).containsExactly(Stage.VQVAE, Stage.PRIOR);
        assertThat(events).anyMatch(e -> e instanceof TrainingEvent.Step s && s.stage() == Stage.VQVAE)
                .anyMatch(TrainingEvent.Health.class::isInstance)
                .anyMatch(TrainingEvent.Checkpoint.class::isInstance)
                .anyMatch(e -> e instanceof TrainingEvent.Epoch ep && ep.stage() == Stage.PRIOR
                        && ep.validationPerplexity() > 1);
        List<TrainingEvent.Done> done = events.stream().filter(TrainingEvent.Done.class::isInstance)
                .map(TrainingEvent.Done.class::cast).toList();
        assertThat(done).extracting(TrainingEvent.Done::stage).containsExactly(Stage.VQVAE, Stage.PRIOR);
        assertThat(done.get(1).architecture()).isEqualTo("gru");
        assertThat(done.get(1).copyRate()).isBetween(0.0, 1.0);
    }

    @Test
    void aStopRequestedBeforeTheStepsEndsTheRunWithACheckpointAndNoModel(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("sounds"));
        TestAudio.writeWavs(data, 6);
        Path model = dir.resolve("stopped.sda");
        List<TrainingEvent> events = new ArrayList<>();
        TrainingRun run = new TrainingRun(events::add);
        run.requestStop();

        TrainingRun.VqVaeResult vq = run.trainVqVae(tiny(data, model));

        assertThat(vq.interrupted()).isTrue();
        assertThat(vq.model()).isNull();
        assertThat(model).doesNotExist();
        assertThat(dir.resolve("stopped.sda.ckpt")).isRegularFile();
        assertThat(events).anyMatch(TrainingEvent.Checkpoint.class::isInstance)
                .noneMatch(TrainingEvent.Done.class::isInstance);
    }
}
