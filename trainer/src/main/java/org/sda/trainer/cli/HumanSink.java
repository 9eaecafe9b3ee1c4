package org.sda.trainer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.training.Stage;
import org.sda.engine.training.TrainingEvent;
import org.sda.engine.training.TrainingSink;

/**
 * Progress for a person, over the same events as {@link JsonSink}: a bar on stderr when it is a
 * terminal (steps, loss, per-level code use; its end follows the time budget once the pace is
 * known), else one line per epoch on the command's writer; information, warnings and errors as
 * lines. Called on the training thread and, for the last events, the main thread.
 */
final class HumanSink implements TrainingSink, AutoCloseable {

    private final PrintWriter out;
    private ProgressBar bar;
    private long plannedSteps;
    private long firstStep;
    private double budgetSeconds;
    private String health = "";

    HumanSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
            started(s);
        } else if (event instanceof TrainingEvent.Step s) {
            step(s);
        } else if (event instanceof TrainingEvent.Epoch e) {
            line(e.stage() == Stage.PRIOR
                    ? String.format(Locale.ROOT, "epoch %d  step %d  loss %.4f  perplexity train %.2f  validation %.2f%s"
                            + "  %.0f s", e.epoch(), e.step(), e.trainLoss(), e.trainPerplexity(),
                            e.validationPerplexity(), e.best() ? " *" : "", e.seconds())
                    : String.format(Locale.ROOT, "epoch %d  step %d  train %.4f  validation %.4f%s  %.0f s", e.epoch(),
                            e.step(), e.trainLoss(), e.validationLoss(), e.best() ? " *" : "", e.seconds()));
        } else if (event instanceof TrainingEvent.Health h) {
            health(h);
        } else if (event instanceof TrainingEvent.Warning w) {
            line("warning: " + w.message());
        } else if (event instanceof TrainingEvent.Info i) {
            close();
            say(i.message());
        } else if (event instanceof TrainingEvent.Evaluation e) {
            close();
            say(String.format(Locale.ROOT, "reconstruction on %d clips: spectral convergence %.2f dB, ceiling %.2f dB,"
                    + " gap %.2f dB, magnitude %.2f dB", e.clips(), e.spectralConvergenceDb(), e.ceilingDb(), e.gapDb(),
                    e.magnitudeDb()));
        } else if (event instanceof TrainingEvent.Error e) {
            close();
            say("error: " + e.message());
        } else if (event instanceof TrainingEvent.Done) {
            close();
        }
    }

    private void started(TrainingEvent.Started s) {
        close();
        plannedSteps = s.plannedSteps();
        firstStep = s.step();
        budgetSeconds = 60 * s.budgetMinutes();
        health = "";
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName(s.stage() == Stage.PRIOR ? "Prior" : "Training")
                    .setInitialMax(plannedSteps).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250).setMaxRenderedLength(110)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            bar.stepTo(s.step());
        }
    }

    private void step(TrainingEvent.Step s) {
        if (bar == null) {
            return;
        }
        // The time budget usually ends training first: once the pace is known, the bar's end (and so
        // its ETA) is where the budget runs out. Early stopping may still come sooner.
        if (s.stepsPerSecond() > 0 && s.step() - firstStep >= 20 && budgetSeconds > 0) {
            bar.maxHint(Math.min(plannedSteps, firstStep + (long) (s.stepsPerSecond() * budgetSeconds)));
        }
        bar.stepTo(s.step());
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f %s", s.loss(), health).strip());
    }

    private void health(TrainingEvent.Health h) {
        StringBuilder sb = new StringBuilder("codes used");
        StringBuilder detail = new StringBuilder("  health:");
        for (SdaManifest.LevelHealth l : h.levels()) {
            sb.append(String.format(Locale.ROOT, " L%d %.0f%%", l.level(), 100 * l.utilisation()));
            detail.append(String.format(Locale.ROOT, " [L%d used %.0f%%, perplexity %.1f, dead %d]", l.level(),
                    100 * l.utilisation(), l.perplexity(), l.deadCodes()));
        }
        health = sb.toString();
        line(detail.toString());
    }

    /** A line that the bar, when there is one, replaces (epochs, health, warnings while training). */
    private void line(String text) {
        if (bar == null) {
            say(text);
        }
    }

    private void say(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
