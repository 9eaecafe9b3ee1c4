package org.sda.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sda.trainer.vqvae.CodebookHealth;
import org.sda.trainer.vqvae.TrainingListener;

/**
 * Progress for a person: a bar on stderr when it is a terminal (steps, loss, per-level
 * utilisation), and one line per epoch on the command's writer. Called on the training thread.
 */
final class HumanProgress implements TrainingListener, AutoCloseable {

    private final PrintWriter out;
    private ProgressBar bar;
    private String health = "";

    HumanProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(long step, long plannedSteps, int stepsPerEpoch) {
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName("Training").setInitialMax(plannedSteps)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(110).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            bar.stepTo(step);
        }
    }

    @Override
    public void step(long step, int epoch, double loss, double stepsPerSecond) {
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f %s", loss, health));
        }
    }

    @Override
    public void epoch(int epoch, long step, double trainLoss, double validationLoss, boolean best, double seconds) {
        line(String.format(Locale.ROOT, "epoch %d  step %d  train %.4f  validation %.4f%s  %.0f s", epoch, step,
                trainLoss, validationLoss, best ? " *" : "", seconds));
    }

    @Override
    public void health(int epoch, List<CodebookHealth> levels) {
        StringBuilder sb = new StringBuilder("codes used");
        for (CodebookHealth h : levels) {
            sb.append(String.format(Locale.ROOT, " L%d %.0f%%", h.level(), 100 * h.utilisation()));
        }
        health = sb.toString();
        StringBuilder detail = new StringBuilder("  health:");
        for (CodebookHealth h : levels) {
            detail.append(String.format(Locale.ROOT, " [L%d used %.0f%%, perplexity %.1f, dead %d]", h.level(),
                    100 * h.utilisation(), h.perplexity(), h.deadCodes()));
        }
        line(detail.toString());
    }

    @Override
    public void warning(String message) {
        line("warning: " + message);
    }

    @Override
    public void checkpoint(Path file, long step) {
    }

    private void line(String text) {
        if (bar == null) {
            out.println(text);
            out.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
