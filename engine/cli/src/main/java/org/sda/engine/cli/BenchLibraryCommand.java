package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sda.engine.library.LibraryIndex;
import org.sda.engine.library.LibraryQuery;
import org.sda.engine.library.ModelEntry;
import org.sda.engine.model.SdaManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sda bench library}: search time of the model library's index over many models. The models
 * are small fake entries (names, tags, dataset and VQ settings drawn at random) in a temporary
 * database, so the measure is the index's, not the reading of model files.
 */
@Command(name = "library", mixinStandardHelpOptions = true,
        description = "Time model library searches over many (fake) models in a temporary index.")
final class BenchLibraryCommand implements Callable<Integer> {

    private static final String[] WORDS = {"warm", "pads", "drums", "glass", "choir", "dark", "bright", "metal",
        "wood", "noise", "drone", "bells", "vox", "keys", "bass", "texture", "field", "tape", "granular", "soft"};
    private static final int[] CODEBOOKS = {64, 128, 256};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", paramLabel = "N", defaultValue = "1000", description = "Fake models (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "200", description = "Runs of each query (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("sda-bench-library");
        try (LibraryIndex index = LibraryIndex.open(dir.resolve("library.db"))) {
            long t0 = System.nanoTime();
            index.putAll(fakes(models, dir));
            double fillMs = (System.nanoTime() - t0) / 1e6;
            out.printf(Locale.ROOT, "machine: %s%n", MachineInfo.describe());
            out.printf(Locale.ROOT, "%d fake models indexed in %.0f ms (one transaction)%n%n", models, fillMs);
            out.printf(Locale.ROOT, "%-44s  %7s  %9s  %9s%n", "query", "found", "median ms", "p95 ms");
            for (String q : List.of("", "warm", "tag:drums", "files>=100", "codebook:128", "levels:3 codebook:64",
                    "pads tag:soft files<=20", "after:2026-06-01 before:2026-06-30", "folder:set-7 seconds>60")) {
                LibraryQuery query = LibraryQuery.parse(q);
                int found = index.search(query).size();
                double[] ms = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long s = System.nanoTime();
                    index.search(query);
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                out.printf(Locale.ROOT, "%-44s  %7d  %9.3f  %9.3f%n", q.isEmpty() ? "(everything)" : q, found,
                        ms[repeats / 2], ms[(int) (repeats * 0.95)]);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        out.flush();
        return 0;
    }

    static List<ModelEntry> fakes(int n, Path dir) {
        SplittableRandom random = new SplittableRandom(7);
        List<ModelEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + i;
            List<String> tags = List.of(WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]);
            int files = 5 + random.nextInt(496);
            int levels = 2 + random.nextInt(3);
            List<SdaManifest.LevelHealth> health = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                health.add(new SdaManifest.LevelHealth(l, random.nextDouble(), 1 + random.nextDouble() * 60,
                        random.nextInt(64)));
            }
            out.add(new ModelEntry(0, dir.resolve("models").resolve("fake-" + i + ".sda"), name, tags,
                    String.format(Locale.ROOT, "2026-%02d-%02dT12:00:00Z", 1 + random.nextInt(12),
                            1 + random.nextInt(28)), files, files * (0.5 + random.nextDouble() * 4), "medium",
                    List.of("/home/user/sounds/set-" + random.nextInt(50)), levels,
                    CODEBOOKS[random.nextInt(CODEBOOKS.length)], health, "hash" + i, 1 << 20, false));
        }
        return out;
    }
}
