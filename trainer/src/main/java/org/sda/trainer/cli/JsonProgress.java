package org.sda.trainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.sda.trainer.vqvae.CodebookHealth;
import org.sda.trainer.vqvae.TrainingListener;

/**
 * Progress as JSON lines: one object per line with an {@code event} field ({@code epoch},
 * {@code step}, {@code health}, {@code warning}, {@code checkpoint}, {@code done}, {@code error}),
 * flushed at once so the parent process sees each event as it happens. Called from the training
 * thread and, for {@code error}/{@code done}, from the main thread; synchronised on the writer.
 */
final class JsonProgress implements TrainingListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;

    JsonProgress(PrintWriter out) {
        this.out = out;
    }

    private ObjectNode event(String name) {
        return JSON.createObjectNode().put("event", name);
    }

    private void emit(ObjectNode node) {
        synchronized (out) {
            out.println(node.toString());
            out.flush();
        }
    }

    @Override
    public void step(long step, int epoch, double loss, double stepsPerSecond) {
        emit(event("step").put("step", step).put("epoch", epoch).put("loss", loss)
                .put("stepsPerSecond", stepsPerSecond));
    }

    @Override
    public void epoch(int epoch, long step, double trainLoss, double validationLoss, boolean best, double seconds) {
        emit(event("epoch").put("epoch", epoch).put("step", step).put("trainLoss", trainLoss)
                .put("validationLoss", validationLoss).put("best", best).put("seconds", seconds));
    }

    @Override
    public void health(int epoch, List<CodebookHealth> levels) {
        ObjectNode node = event("health").put("epoch", epoch);
        var array = node.putArray("levels");
        for (CodebookHealth h : levels) {
            array.addObject().put("level", h.level()).put("utilisation", h.utilisation())
                    .put("perplexity", h.perplexity()).put("deadCodes", h.deadCodes());
        }
        emit(node);
    }

    @Override
    public void warning(String message) {
        emit(event("warning").put("message", message));
    }

    @Override
    public void checkpoint(Path file, long step) {
        emit(event("checkpoint").put("file", file.toString()).put("step", step));
    }

    void done(TrainerMain.TrainResult result) {
        ObjectNode node = event("done").put("model", String.valueOf(result.model()))
                .put("stoppedBecause", result.training().stoppedBecause())
                .put("epochs", result.training().epochs()).put("steps", result.training().steps())
                .put("minutes", result.training().minutes())
                .put("validationLoss", result.training().validationLoss());
        emit(node);
    }

    void evaluation(org.sda.trainer.vqvae.ReconstructionCheck.Result r) {
        emit(event("evaluation").put("clips", r.clips()).put("spectralConvergenceDb", r.modelDb())
                .put("ceilingDb", r.ceilingDb()).put("gapDb", r.gapDb())
                .put("magnitudeDb", r.magnitudeDb()));
    }

    void error(String message) {
        emit(event("error").put("message", message));
    }
}
