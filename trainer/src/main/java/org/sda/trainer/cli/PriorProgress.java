package org.sda.trainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sda.trainer.prior.PriorListener;

/**
 * Prior training progress, for a person (a bar on stderr when it is a terminal, one line per epoch
 * otherwise) or as JSON lines ({@code epoch}, {@code step}, {@code warning}, {@code done},
 * {@code error}: the events of {@code sda train --progress json}, with perplexities). Called on the
 * training thread, and from the main thread for the last events; JSON output is synchronised on
 * the writer.
 */
final class PriorProgress implements PriorListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;
    private double budgetSeconds;
    private ProgressBar bar;
    private long planned;

    PriorProgress(PrintWriter out, boolean json, double maxMinutes) {
        this.out = out;
        this.json = json;
        this.budgetSeconds = maxMinutes * 60;
    }

    /** The time budget, once known (it depends on the dataset): the bar's end follows it. */
    void budget(double maxMinutes) {
        this.budgetSeconds = maxMinutes * 60;
    }

    @Override
    public void started(long plannedSteps) {
        planned = plannedSteps;
        if (!json && System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName("Prior").setInitialMax(plannedSteps)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(110).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
    }

    @Override
    public void step(long step, double loss, double stepsPerSecond) {
        if (json) {
            emit(event("step").put("stage", "prior").put("step", step).put("loss", loss)
                    .put("stepsPerSecond", stepsPerSecond));
        } else if (bar != null) {
            // As for the RVQ-VAE: the time budget usually ends training first.
            if (stepsPerSecond > 0 && step >= 20) {
                bar.maxHint(Math.min(planned, (long) (stepsPerSecond * budgetSeconds)));
            }
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", loss));
        }
    }

    @Override
    public void epoch(int epoch, long step, double trainLoss, double trainPerplexity, double validationPerplexity,
                      boolean best, double seconds) {
        if (json) {
            emit(event("epoch").put("stage", "prior").put("epoch", epoch).put("step", step).put("trainLoss", trainLoss)
                    .put("trainPerplexity", trainPerplexity).put("validationPerplexity", validationPerplexity)
                    .put("best", best).put("seconds", seconds));
        } else {
            line(String.format(Locale.ROOT, "epoch %d  step %d  loss %.4f  perplexity train %.2f  validation %.2f%s"
                    + "  %.0f s", epoch, step, trainLoss, trainPerplexity, validationPerplexity, best ? " *" : "",
                    seconds));
        }
    }

    @Override
    public void warning(String message) {
        if (json) {
            emit(event("warning").put("message", message));
        } else {
            line("warning: " + message);
        }
    }

    void info(String message) {
        if (json) {
            emit(event("info").put("message", message));
        } else {
            line(message);
        }
    }

    void done(ObjectNode fields) {
        if (json) {
            ObjectNode node = event("done").put("stage", "prior");
            node.setAll(fields);
            emit(node);
        }
    }

    void error(String message) {
        if (json) {
            emit(event("error").put("message", message));
        } else {
            close();
            out.println("error: " + message);
            out.flush();
        }
    }

    static ObjectNode fields() {
        return JSON.createObjectNode();
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
