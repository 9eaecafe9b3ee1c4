package org.sda.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.FileReport;
import org.sda.engine.dataset.Split;
import org.sda.engine.dataset.Verdict;

/** Renders an import as the inspect table for people or as JSON for programs. */
final class InspectReport {

    private final Dataset dataset;
    private final Path base;

    InspectReport(Dataset dataset, List<Path> inputs) {
        this.dataset = dataset;
        // One folder given: show paths relative to it, as the user thinks of them.
        this.base = inputs.size() == 1 && Files.isDirectory(inputs.get(0)) ? inputs.get(0) : null;
    }

    void printTable(PrintWriter out) {
        List<FileReport> reports = dataset.reports();
        int nameWidth = Math.max(4, reports.stream().mapToInt(r -> name(r).length()).max().orElse(4));
        nameWidth = Math.min(nameWidth, 48);
        String format = "%-" + nameWidth + "s %9s %7s %3s %10s  %-10s  %s%n";
        out.printf(Locale.ROOT, format, "file", "duration", "rate", "ch", "peak dBFS", "split", "verdict");
        for (FileReport r : reports) {
            boolean decoded = r.sampleRate() > 0;
            String verdict = r.usable() ? "ok" + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")")
                    : "skipped: " + r.verdict().label() + (r.detail().isEmpty() ? "" : " – " + r.detail());
            out.printf(Locale.ROOT, format, clip(name(r), nameWidth),
                    decoded ? String.format(Locale.ROOT, "%.2f s", r.durationSeconds()) : "-",
                    decoded ? String.valueOf(r.sampleRate()) : "-",
                    decoded ? String.valueOf(r.channels()) : "-",
                    Double.isNaN(r.peakDbfs()) ? "-" : Double.isInfinite(r.peakDbfs()) ? "-inf"
                            : String.format(Locale.ROOT, "%.1f", r.peakDbfs()),
                    r.split() == Split.NONE ? "-" : r.split().name().toLowerCase(Locale.ROOT),
                    verdict);
        }
        Dataset.Summary s = dataset.summary();
        out.println();
        out.printf(Locale.ROOT, "%d files: %d usable (%s), %d skipped%s%n", s.filesFound(), s.usable(),
                duration(s.usableSeconds()), s.skipped(), s.skipped() == 0 ? "" : " (" + skippedWords(s) + ")");
        out.printf(Locale.ROOT, "split: %d train, %d validation%n", s.train(), s.validation());
        out.printf(Locale.ROOT, "size class: %s -> suggested codebook size %d%n", s.sizeClass().range(),
                s.suggestedCodebookSize());
        if (s.usable() == 0) {
            out.println("nothing usable: no file can be trained on");
        } else if (s.usable() < 5) {
            out.println("warning: fewer than 5 usable files; the model will be weak");
        }
    }

    void printJson(PrintWriter out) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (FileReport r : dataset.reports()) {
            ObjectNode file = files.addObject();
            file.put("path", r.file().toString());
            file.put("name", name(r));
            file.put("sha256", r.contentHash());
            putNumber(file, "durationSeconds", r.durationSeconds());
            file.put("sampleRate", r.sampleRate());
            file.put("channels", r.channels());
            putNumber(file, "peakDbfs", r.peakDbfs());
            file.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            file.put("usable", r.usable());
            file.put("detail", r.detail());
            file.put("split", r.split().name().toLowerCase(Locale.ROOT));
        }
        Dataset.Summary s = dataset.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("filesFound", s.filesFound());
        summary.put("usable", s.usable());
        summary.put("skipped", s.skipped());
        summary.put("usableSeconds", s.usableSeconds());
        summary.put("train", s.train());
        summary.put("validation", s.validation());
        summary.put("sizeClass", s.sizeClass().name().toLowerCase(Locale.ROOT));
        summary.put("sizeClassRange", s.sizeClass().range());
        summary.put("suggestedCodebookSize", s.suggestedCodebookSize());
        ObjectNode skipped = summary.putObject("skippedByVerdict");
        s.skippedByVerdict().forEach((verdict, count) -> skipped.put(verdict.name().toLowerCase(Locale.ROOT), count));
        ObjectNode options = root.putObject("options");
        options.put("modelSampleRate", dataset.options().modelSampleRate());
        options.put("minSeconds", dataset.options().minSeconds());
        options.put("maxSeconds", dataset.options().maxSeconds());
        options.put("crop", dataset.options().crop());
        out.println(mapper.writeValueAsString(root));
    }

    private String name(FileReport r) {
        Path file = r.file();
        if (base != null && file.startsWith(base)) {
            return base.relativize(file).toString();
        }
        return file.toString();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static String skippedWords(Dataset.Summary s) {
        return s.skippedByVerdict().entrySet().stream()
                .map((Map.Entry<Verdict, Integer> e) -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    private static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", total / 60, total % 60);
    }
}
