package org.sda.engine.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sda.engine.model.SdaManifest;

/**
 * The {@code --progress json} protocol: one {@link TrainingEvent} per line, an object whose
 * {@code event} field names it and whose other fields are the record's (prior events add
 * {@code "stage":"prior"}; {@code NaN} numbers are left out). The trainer writes with
 * {@link #write}; {@code sda train} and the trainer app read with {@link #read}. Thread-safe.
 */
public final class TrainingEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingEventJson() {
    }

    /** The event as one line of JSON (no line break). */
    public static String write(TrainingEvent event) {
        ObjectNode n = JSON.createObjectNode().put("event", event.name());
        // Java 17: no pattern matching in switch yet, so an instanceof chain over the sealed records.
        if (event instanceof TrainingEvent.Started s) {
            stage(n, s.stage());
            n.put("step", s.step()).put("plannedSteps", s.plannedSteps());
            number(n, "budgetMinutes", s.budgetMinutes());
        } else if (event instanceof TrainingEvent.Step s) {
            stage(n, s.stage());
            n.put("step", s.step());
            if (s.stage() == Stage.VQVAE) {
                n.put("epoch", s.epoch());
            }
            n.put("loss", s.loss()).put("stepsPerSecond", s.stepsPerSecond());
        } else if (event instanceof TrainingEvent.Epoch e) {
            stage(n, e.stage());
            n.put("epoch", e.epoch()).put("step", e.step()).put("trainLoss", e.trainLoss());
            number(n, "validationLoss", e.validationLoss());
            number(n, "trainPerplexity", e.trainPerplexity());
            number(n, "validationPerplexity", e.validationPerplexity());
            n.put("best", e.best()).put("seconds", e.seconds());
        } else if (event instanceof TrainingEvent.Health h) {
            n.put("epoch", h.epoch());
            var levels = n.putArray("levels");
            for (SdaManifest.LevelHealth l : h.levels()) {
                levels.addObject().put("level", l.level()).put("utilisation", l.utilisation())
                        .put("perplexity", l.perplexity()).put("deadCodes", l.deadCodes());
            }
        } else if (event instanceof TrainingEvent.Warning w) {
            n.put("message", w.message());
        } else if (event instanceof TrainingEvent.Info i) {
            n.put("message", i.message());
        } else if (event instanceof TrainingEvent.Error e) {
            n.put("message", e.message());
        } else if (event instanceof TrainingEvent.Checkpoint c) {
            n.put("file", c.file()).put("step", c.step());
        } else if (event instanceof TrainingEvent.Evaluation e) {
            n.put("clips", e.clips()).put("spectralConvergenceDb", e.spectralConvergenceDb())
                    .put("ceilingDb", e.ceilingDb()).put("gapDb", e.gapDb()).put("magnitudeDb", e.magnitudeDb());
        } else if (event instanceof TrainingEvent.Done d) {
            stage(n, d.stage());
            n.put("model", d.model());
            if (d.architecture() != null) {
                n.put("architecture", d.architecture());
            }
            n.put("stoppedBecause", d.stoppedBecause().label()).put("epochs", d.epochs()).put("steps", d.steps())
                    .put("minutes", d.minutes());
            number(n, "validationLoss", d.validationLoss());
            number(n, "trainPerplexity", d.trainPerplexity());
            number(n, "validationPerplexity", d.validationPerplexity());
            number(n, "copyRate", d.copyRate());
            number(n, "distinct", d.distinct());
        }
        return n.toString();
    }

    /**
     * The event on one line of the trainer's output; empty for a line that is not a JSON object with
     * a known {@code event} (a library printing to stdout must not break the reader).
     *
     * @throws IllegalArgumentException when a known event lacks a field it must have
     */
    public static Optional<TrainingEvent> read(String line) {
        String text = line.strip();
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (n == null || !n.isObject() || !n.path("event").isTextual()) {
            return Optional.empty();
        }
        Stage stage = "prior".equals(n.path("stage").asText()) ? Stage.PRIOR : Stage.VQVAE;
        return Optional.ofNullable(switch (n.get("event").asText()) {
            case "started" -> new TrainingEvent.Started(stage, n.path("step").asLong(),
                    required(n, "plannedSteps").asLong(), number(n, "budgetMinutes"));
            case "step" -> new TrainingEvent.Step(stage, required(n, "step").asLong(), n.path("epoch").asInt(-1),
                    number(n, "loss"), number(n, "stepsPerSecond"));
            case "epoch" -> new TrainingEvent.Epoch(stage, required(n, "epoch").asInt(), n.path("step").asLong(),
                    number(n, "trainLoss"), number(n, "validationLoss"), number(n, "trainPerplexity"),
                    number(n, "validationPerplexity"), n.path("best").asBoolean(), number(n, "seconds"));
            case "health" -> {
                List<SdaManifest.LevelHealth> levels = new ArrayList<>();
                for (JsonNode l : required(n, "levels")) {
                    levels.add(new SdaManifest.LevelHealth(l.path("level").asInt(), number(l, "utilisation"),
                            number(l, "perplexity"), l.path("deadCodes").asInt()));
                }
                yield new TrainingEvent.Health(n.path("epoch").asInt(), levels);
            }
            case "warning" -> new TrainingEvent.Warning(required(n, "message").asText());
            case "info" -> new TrainingEvent.Info(required(n, "message").asText());
            case "error" -> new TrainingEvent.Error(required(n, "message").asText());
            case "checkpoint" -> new TrainingEvent.Checkpoint(required(n, "file").asText(), n.path("step").asLong());
            case "evaluation" -> new TrainingEvent.Evaluation(n.path("clips").asInt(),
                    number(n, "spectralConvergenceDb"), number(n, "ceilingDb"), number(n, "gapDb"),
                    number(n, "magnitudeDb"));
            case "done" -> new TrainingEvent.Done(stage, required(n, "model").asText(),
                    StopReason.of(required(n, "stoppedBecause").asText()), n.path("epochs").asInt(),
                    n.path("steps").asLong(), number(n, "minutes"), number(n, "validationLoss"),
                    n.hasNonNull("architecture") ? n.get("architecture").asText() : null,
                    number(n, "trainPerplexity"), number(n, "validationPerplexity"), number(n, "copyRate"),
                    number(n, "distinct"));
            default -> null;
        });
    }

    private static void stage(ObjectNode n, Stage stage) {
        if (stage == Stage.PRIOR) {
            n.put("stage", "prior");
        }
    }

    private static void number(ObjectNode n, String field, double value) {
        if (!Double.isNaN(value)) {
            n.put(field, value);
        }
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("training event \"" + n.path("event").asText() + "\" has no " + field
                    + ": " + n);
        }
        return v;
    }
}
