package org.sda.engine.dataset;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an import: a report for every file found, and the usable clips with their
 * train/validation split.
 */
public record Dataset(List<FileReport> reports, List<ImportedClip> clips, ImportOptions options) {

    public Dataset {
        reports = List.copyOf(reports);
        clips = List.copyOf(clips);
    }

    public List<ImportedClip> train() {
        return clips.stream().filter(c -> c.report().split() == Split.TRAIN).toList();
    }

    public List<ImportedClip> validation() {
        return clips.stream().filter(c -> c.report().split() == Split.VALIDATION).toList();
    }

    public Summary summary() {
        Map<Verdict, Integer> skipped = new EnumMap<>(Verdict.class);
        double seconds = 0;
        int validation = 0;
        for (FileReport report : reports) {
            if (report.usable()) {
                seconds += report.durationSeconds();
                if (report.split() == Split.VALIDATION) {
                    validation++;
                }
            } else {
                skipped.merge(report.verdict(), 1, Integer::sum);
            }
        }
        int usable = clips.size();
        SizeClass sizeClass = SizeClass.of(usable);
        return new Summary(reports.size(), usable, reports.size() - usable, seconds, usable - validation, validation,
                sizeClass, sizeClass.suggestedCodebookSize(), skipped);
    }

    /**
     * Counts over the whole import.
     *
     * @param usableSeconds total duration of the usable files (after cropping)
     */
    public record Summary(
            int filesFound,
            int usable,
            int skipped,
            double usableSeconds,
            int train,
            int validation,
            SizeClass sizeClass,
            int suggestedCodebookSize,
            Map<Verdict, Integer> skippedByVerdict) {
    }
}
