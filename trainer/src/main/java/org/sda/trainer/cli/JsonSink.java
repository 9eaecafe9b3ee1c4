package org.sda.trainer.cli;

import java.io.PrintWriter;
import org.sda.engine.training.TrainingEvent;
import org.sda.engine.training.TrainingEventJson;
import org.sda.engine.training.TrainingSink;

/**
 * {@code --progress json}: each event as one JSON line ({@link TrainingEventJson}), flushed at once
 * so the parent process (sda train, the trainer app) sees it as it happens. Synchronised on the
 * writer: events come from the training thread and, at the end, the main thread.
 */
final class JsonSink implements TrainingSink {

    private final PrintWriter out;

    JsonSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(TrainingEvent event) {
        String line = TrainingEventJson.write(event);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
