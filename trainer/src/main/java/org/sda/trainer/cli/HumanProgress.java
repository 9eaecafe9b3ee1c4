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
    private final double budgetSeconds;
    private ProgressBar bar;
    private long plannedSteps;
    private long firstStep;
    private String health = "";

    /** @param maxMinutes the session's time budget, which usually ends training before the epochs do */
    HumanProgress(PrintWriter out, double maxMinutes) {
        this.out = out;
        this.budgetSeconds = maxMinutes * 60;
    }

    @Override
    public void started(long step, long plannedSteps, int stepsPerEpoch) {
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName("Training").setInitialMax(plannedSteps)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(110).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            bar.stepTo(step);
        }
        this.plannedSteps = plannedSteps;
        this.firstStep = step;
    }

    @Override
    public void step(long step, int epoch, double loss, double stepsPerSecond) {
        if (bar != null) {
            // The time budget usually ends training first: once the pace is known, the bar's end
            // (and so its ETA) is where the budget runs out. Early stopping may still come sooner.
            if (stepsPerSecond > 0 && step - firstStep >= 20) {
                bar.maxHint(Math.min(plannedSteps, firstStep + (long) (stepsPerSecond * budgetSeconds)));
            }
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
