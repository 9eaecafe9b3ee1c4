package org.sda.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sda.engine.inference.DetailMemory;
import org.sda.engine.model.CodebookVerdict;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/** The text and JSON of {@code sda model info}. */
final class ModelInfoReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SdaModel model;
    private final SdaManifest manifest;

    ModelInfoReport(SdaModel model) {
        this.model = model;
        this.manifest = model.manifest();
    }

    void printText(PrintWriter out) {
        SdaManifest.Audio audio = manifest.audio();
        SdaManifest.Vq vq = manifest.vq();
        row(out, "Model", manifest.name() == null ? "(unnamed)" : manifest.name());
        row(out, "File", model.file().getFileName() + " (" + size(fileSize()) + ")");
        row(out, "Created", orNotRecorded(manifest.created()));
        if (!manifest.tags().isEmpty()) {
            row(out, "Tags", String.join(", ", manifest.tags()));
        }
        row(out, "Audio", String.format(Locale.ROOT, "%d Hz mono, FFT %d, hop %d, %d mel bands", audio.sampleRate(),
                audio.nFft(), audio.hop(), audio.melBands()));
        row(out, "Quantiser", String.format(Locale.ROOT,
                "%d levels x %d codes, %d dimensions, %d STFT frames per code, decoder outputs %s magnitude"
                        + " (%s decoder)",
                vq.levels(), vq.codebookSize(), vq.codeDim(), vq.downsample(), vq.decoderOutput(), vq.decoder()));
        row(out, "Levels", levels());
        SdaManifest.Dataset dataset = manifest.dataset();
        row(out, "Dataset", dataset == null ? "not recorded" : String.format(Locale.ROOT,
                "%d files, %.1f s%s", dataset.fileCount(), dataset.totalSeconds(),
                dataset.sizeClass() == null ? "" : ", size class " + dataset.sizeClass()));
        SdaManifest.Training training = manifest.training();
        if (training == null) {
            row(out, "Training", "not recorded");
        } else {
            row(out, "Training", String.format(Locale.ROOT, "%d epochs, %d steps, %.1f min, seed %d%s",
                    training.epochs(), training.steps(), training.minutes(), training.seed(),
                    training.stoppedBecause() == null ? "" : ", stopped: " + training.stoppedBecause()));
            row(out, "", String.format(Locale.ROOT, "train loss %.4f, validation loss %.4f", training.trainLoss(),
                    training.validationLoss()));
        }
        List<SdaManifest.LevelHealth> health = training == null ? List.of() : training.health();
        Optional<CodebookVerdict> overall = CodebookVerdict.overall(health);
        row(out, "Health", overall.map(CodebookVerdict::words).orElse("not recorded"));
        if (!health.isEmpty()) {
            out.printf(Locale.ROOT, "  %-6s %-12s %6s %11s %11s  %s%n", "level", "label", "used", "perplexity",
                    "dead codes", "verdict");
            for (SdaManifest.LevelHealth h : health) {
                out.printf(Locale.ROOT, "  %-6d %-12s %5.0f%% %11.1f %11d  %s%n", h.level(), label(h.level()),
                        h.utilisation() * 100, h.perplexity(), h.deadCodes(), CodebookVerdict.of(h).words());
            }
        }
        row(out, "Prior", model.hasPrior() ? priorText() + " (" + size(model.entry(SdaModel.PRIOR).length) + ")"
                : "none (the model reconstructs and edits sounds; to generate, train one: sda train-prior "
                        + model.file().getFileName() + ")");
        SdaManifest.PriorTraining pt = manifest.prior() == null ? null : manifest.prior().training();
        if (model.hasPrior() && pt != null) {
            out.printf(Locale.ROOT, "  %d epochs, %d steps, %.1f min (%s); perplexity training %.2f, validation %.2f;"
                    + " copy rate %.0f%%%n", pt.epochs(), pt.steps(), pt.minutes(), pt.stoppedBecause(),
                    pt.trainPerplexity(), pt.validationPerplexity(), 100 * pt.copyRate());
            for (String w : pt.warnings()) {
                out.println("  warning: " + w);
            }
        }
        SdaManifest.Sampling sampling = manifest.prior() == null ? null : manifest.prior().sampling();
        if (model.hasPrior() && sampling != null) {
            out.printf(Locale.ROOT, "  temperature 1 samples at %.2f, continuity %.0f: %s%n", sampling.temperature(),
                    sampling.continuity(), sampling.rule());
            for (SdaManifest.SamplingTrial t : sampling.measured()) {
                out.println("    " + describe(t));
            }
        }
        row(out, "Detail", detailText());
        printAxes(out, manifest.analysis());
        row(out, "Entries", model.entries().size() + " (sizes inflated)");
        for (Map.Entry<String, Long> e : entrySizes().entrySet()) {
            out.printf(Locale.ROOT, "  %-22s %12s%n", e.getKey(), size(e.getValue()));
        }
        row(out, "Content hash", "sha256:" + model.contentHash());
    }

    /** One calibration trial in words: its setting and what its sounds measured. */
    static String describe(SdaManifest.SamplingTrial t) {
        return String.format(Locale.ROOT, "at %.2f, continuity %.0f: jumps %.2fx the training sounds', coarse 8-gram"
                + " copies %.0f%%%s", t.temperature(), t.continuity(), t.jumpRatio(), 100 * t.coarseCopyRate(),
                t.frechet() == null ? "" : String.format(Locale.ROOT, ", Fréchet distance %.1f", t.frechet()));
    }

    void printJson(PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", model.file().toString());
        root.put("sizeBytes", fileSize());
        root.put("contentHash", "sha256:" + model.contentHash());
        try {
            root.set("manifest", JSON.readTree(SdaModelFile.manifestBytes(manifest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SdaManifest.LevelHealth> levels = manifest.training() == null ? List.of() : manifest.training().health();
        ObjectNode health = root.putObject("health");
        Optional<CodebookVerdict> overall = CodebookVerdict.overall(levels);
        if (overall.isPresent()) {
            health.put("verdict", overall.get().words());
        } else {
            health.putNull("verdict");
        }
        ArrayNode perLevel = health.putArray("levels");
        for (SdaManifest.LevelHealth h : levels) {
            ObjectNode level = perLevel.addObject();
            level.put("level", h.level());
            level.put("label", label(h.level()));
            level.put("utilisation", h.utilisation());
            level.put("perplexity", h.perplexity());
            level.put("deadCodes", h.deadCodes());
            level.put("verdict", CodebookVerdict.of(h).words());
        }
        root.put("hasPrior", model.hasPrior());
        ObjectNode entries = root.putObject("entries");
        entrySizes().forEach(entries::put);
        try {
            out.println(JSON.writeValueAsString((JsonNode) root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long fileSize() {
        try {
            return java.nio.file.Files.size(model.file());
        } catch (IOException e) {
            return -1;
        }
    }

    /** Entry sizes by name; trainer checkpoint entries are summed into one line. */
    private Map<String, Long> entrySizes() {
        Map<String, Long> sizes = new TreeMap<>();
        long checkpoint = 0;
        int checkpointFiles = 0;
        for (Map.Entry<String, byte[]> e : model.entries().entrySet()) {
            if (e.getKey().startsWith(SdaModel.CHECKPOINT_FOLDER)) {
                checkpoint += e.getValue().length;
                checkpointFiles++;
            } else {
                sizes.put(e.getKey(), (long) e.getValue().length);
            }
        }
        if (checkpointFiles > 0) {
            sizes.put(SdaModel.CHECKPOINT_FOLDER, checkpoint);
        }
        return sizes;
    }

    private String detailText() {
        byte[] bytes = model.optionalEntry(SdaModel.DETAIL_MEMORY).orElse(null);
        if (bytes == null) {
            return SdaManifest.Vq.MEL.equals(manifest.vq().decoderOutput()) ? "none (a mel decoder keeps none)"
                    : "none (training sounds reconstruct as the decoder gives them; sda model memorise keeps their "
                            + "detail)";
        }
        try {
            int frames = DetailMemory.fromBytes(bytes, manifest.vq().downsample(), manifest.audio().bins()).size();
            return String.format(Locale.ROOT, "kept for %d code frames of the training sounds (%s): they reconstruct "
                    + "as they were, and the model carries an approximation of them (sda model memorise --forget "
                    + "removes it)", frames, size(bytes.length));
        } catch (IllegalArgumentException e) {
            return "damaged: " + e.getMessage();
        }
    }

    private String priorText() {
        SdaManifest.Prior p = manifest.prior();
        if (p == null) {
            return "present, undescribed";
        }
        return p.architecture().equals(SdaManifest.Prior.GRU)
                ? String.format(Locale.ROOT, "GRU, %d x %d, context %d tokens", p.layers(), p.width(), p.contextTokens())
                : String.format(Locale.ROOT, "transformer, %d layers x %d, %d heads, context %d tokens", p.layers(),
                        p.width(), p.heads(), p.contextTokens());
    }

    private String levels() {
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < manifest.vq().levels(); l++) {
            text.append(l == 0 ? "" : ", ").append(l).append(' ').append(label(l));
        }
        return text.toString();
    }

    private String label(int level) {
        List<String> labels = manifest.vq().levelLabels();
        return level >= 0 && level < labels.size() ? labels.get(level) : "(no label)";
    }

    private static String orNotRecorded(String s) {
        return s == null || s.isBlank() ? "not recorded" : s;
    }

    /** Below this correlation no descriptor describes an axis well. */
    static final double WEAK_LABEL = 0.3;

    /** The control axes, or how to add them. Shared with {@code sda model analyze}. */
    static void printAxes(PrintWriter out, SdaManifest.Analysis analysis) {
        if (analysis == null || analysis.axes().isEmpty()) {
            row(out, "Controls", "none (add them with: sda model analyze MODEL DATASET)");
            return;
        }
        row(out, "Controls", analysis.axes().size() + " axes from " + analysis.clips() + " sounds, "
                + analysis.frames() + " frames");
        out.printf(Locale.ROOT, "  %-12s %9s %9s %21s %21s%n", "axis", "corr.", "variance", "safe range",
                "warning range");
        for (SdaManifest.Axis a : analysis.axes()) {
            out.printf(Locale.ROOT, "  %-12s %9.2f %8.1f%% %10.3g..%-10.3g %10.3g..%-10.3g%s%n", a.name(),
                    a.correlation(), 100 * a.explainedVariance(), a.safeMin(), a.safeMax(), a.warnMin(), a.warnMax(),
                    a.correlation() < WEAK_LABEL ? "  (weak label)" : "");
        }
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "%-13s %s%n", key, value);
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
