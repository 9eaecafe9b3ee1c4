package org.sda.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.Region;
import picocli.CommandLine.Option;

/** The region options {@code sda codes swap} and {@code blend} share: which frames, which levels. */
final class RegionOptions {

    @Option(names = "--frames", paramLabel = "FROM:TO",
            description = "Code frames FROM (inclusive) to TO (exclusive). Default: all that both grids have.")
    String frames;

    @Option(names = "--seconds", paramLabel = "FROM:TO", description = "The region in seconds instead of frames.")
    String seconds;

    @Option(names = "--levels", paramLabel = "LEVEL", split = ",",
            description = "Levels by number (0 = coarsest) or label (Structure, Timbre, Detail). Default: all.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--source-from", paramLabel = "FRAME",
            description = "First frame of the region in the second grid. Default: the same frame as in the first.")
    Integer sourceFrom;

    /** The region in {@code target}, with {@code source} limiting the default frame range. */
    Region region(CodeGrid target, CodeGrid source) {
        if (frames != null && seconds != null) {
            throw new IllegalArgumentException("give --frames or --seconds, not both");
        }
        int from = 0;
        int to = Math.min(target.frames(), source.frames() - (sourceFrom == null ? 0 : sourceFrom));
        if (frames != null || seconds != null) {
            String[] parts = (frames != null ? frames : seconds).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a range is FROM:TO, not " + (frames != null ? frames : seconds));
            }
            try {
                if (frames != null) {
                    from = Integer.parseInt(parts[0].trim());
                    to = Integer.parseInt(parts[1].trim());
                } else {
                    double rate = target.timing().frameRate();
                    from = (int) Math.round(Double.parseDouble(parts[0].trim()) * rate);
                    to = (int) Math.round(Double.parseDouble(parts[1].trim()) * rate);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a range is two numbers FROM:TO: " + e.getMessage());
            }
        }
        if (from < 0 || to <= from || to > target.frames()) {
            throw new IllegalArgumentException("frames " + from + ":" + to + " are not a range inside the first grid's "
                    + target.frames() + " frames");
        }
        List<Integer> chosen = new ArrayList<>();
        for (String level : levels) {
            chosen.add(level(target, level.trim()));
        }
        if (chosen.isEmpty()) {
            return Region.allLevels(from, to, target.levels());
        }
        return new Region(from, to, chosen);
    }

    int sourceStart(Region region) {
        return sourceFrom == null ? region.from() : sourceFrom;
    }

    private static int level(CodeGrid grid, String name) {
        for (int l = 0; l < grid.levels(); l++) {
            if (grid.levelLabels().get(l).equalsIgnoreCase(name) || name.equals(Integer.toString(l))) {
                return l;
            }
        }
        throw new IllegalArgumentException("no level '" + name + "'; the levels are 0.." + (grid.levels() - 1) + " ("
                + String.join(", ", grid.levelLabels()).toLowerCase(Locale.ROOT) + ")");
    }
}
