package org.sda.trainer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sda.engine.training.TrainingEvent;
import org.sda.engine.training.TrainingSink;

/** {@code --progress}: for a person, or JSON lines for a parent process. */
enum ProgressMode {
    human, json;

    /**
     * Runs a trainer's {@code body} with this mode's sink installed through {@code install}; a failure
     * becomes an {@code error} event (the message names the file and the problem) and exit code 1.
     */
    int run(PrintWriter out, SinkHolder holder, Callable<Integer> body) {
        HumanSink person = this == ProgressMode.human ? new HumanSink(out) : null;
        holder.sink = person != null ? person : new JsonSink(out);
        try {
            return body.call();
        } catch (Exception e) {
            if (Boolean.getBoolean("sda.trainer.trace")) {
                e.printStackTrace();
            }
            holder.sink.accept(new TrainingEvent.Error(e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        } finally {
            if (person != null) {
                person.close();
            }
        }
    }

    /** The sink a run reports to, chosen once the options are parsed (the run is made before). */
    static final class SinkHolder implements TrainingSink {
        private TrainingSink sink = NONE;

        @Override
        public void accept(TrainingEvent event) {
            sink.accept(event);
        }
    }
}
