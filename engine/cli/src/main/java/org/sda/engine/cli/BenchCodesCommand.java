package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.CodePreview;
import org.sda.engine.codes.EditHistory;
import org.sda.engine.codes.GridCodec;
import org.sda.engine.codes.GridEdit;
import org.sda.engine.codes.Region;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.VqVaeRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda bench codes -m MODEL FILE}: the speed of code editing. Encode and decode real-time
 * factors (with the whole reconstruction measured in the same run as the reference), the latency
 * of a code preview (first play and cached), and the cost of edits, undo and redo on a long grid
 * built from the file's own codes, against a plain copy of that grid's codes as the reference.
 */
@Command(name = "codes", mixinStandardHelpOptions = true,
        description = "Encode/decode real-time factors, preview latency, and edit/undo/redo cost on a long grid.")
final class BenchCodesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(index = "0", paramLabel = "FILE", description = "A sound to encode and decode.")
    Path file;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "Timed runs per figure (median). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "10", description = "Length of the long grid. Default: ${DEFAULT-VALUE}.")
    double minutes;

    @Option(names = "--edits", paramLabel = "N", defaultValue = "2000", description = "Edits on the long grid. Default: ${DEFAULT-VALUE}.")
    int edits;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AudioBuffer audio = AudioFiles.read(file);
        try (VqVaeRuntime runtime = VqVaeRuntime.open(modelOption.read())) {
            GridCodec codec = new GridCodec(runtime);
            Reconstructor reconstructor = codec.reconstructor();
            double seconds = audio.durationSeconds();
            out.printf(Locale.ROOT, "machine: %s%nmodel: %s; clip: %s (%.2f s); median of %d runs after 2 warm-ups%n%n",
                    MachineInfo.describe(), modelOption.name(), file.getFileName(), seconds, runs);

            CodeGrid grid = codec.encode(audio);
            double encode = median(() -> codec.encode(audio));
            double decode = median(() -> codec.decode(grid));
            double reconstruct = median(() -> reconstructor.reconstruct(audio, Reconstructor.Listener.NONE));
            out.printf(Locale.ROOT, "| %-36s | %10s | %12s |%n", "step", "median ms", "x real time");
            out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(38), "-".repeat(12), "-".repeat(14));
            speedRow(out, "encode (audio -> codes)", encode, seconds);
            speedRow(out, "decode (codes -> audio, GL 32)", decode, seconds);
            speedRow(out, "reconstruct (reference)", reconstruct, seconds);
            out.printf(Locale.ROOT, "encode + decode = %.2f x reconstruct%n%n", (encode + decode) / reconstruct);

            CodePreview preview = new CodePreview(codec);
            SplittableRandom random = new SplittableRandom(1);
            int count = Math.min(24, codec.identity().codebookSize());
            double[] cold = new double[count];
            double[] warm = new double[count];
            preview.preview(0, 0); // JIT and session warm-up
            for (int i = 0; i < count; i++) {
                int level = i % grid.levels();
                int code = 1 + random.nextInt(codec.identity().codebookSize() - 1);
                while (preview.isCached(level, code)) {
                    code = 1 + random.nextInt(codec.identity().codebookSize() - 1);
                }
                long start = System.nanoTime();
                preview.preview(level, code);
                cold[i] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                preview.preview(level, code);
                warm[i] = (System.nanoTime() - start) / 1e6;
            }
            out.printf(Locale.ROOT, "preview of one code (%d frames, %.2f s): first play median %.1f ms, max %.1f ms;"
                            + " cached median %.4f ms (%d codes)%n%n", preview.frames(),
                    preview.preview(0, 0).durationSeconds(), quantile(cold, 0.5), quantile(cold, 1), quantile(warm, 0.5),
                    count);

            editCosts(out, grid);
        }
        return 0;
    }

    private void editCosts(PrintWriter out, CodeGrid grid) {
        int target = (int) Math.ceil(minutes * 60 * grid.timing().frameRate());
        CodeGrid longGrid = grid;
        while (longGrid.frames() < target) {
            int take = Math.min(longGrid.frames(), target - longGrid.frames());
            longGrid = new GridEdit.InsertRange(longGrid.frames(), longGrid, 0, take).applyTo(longGrid);
        }
        CodeGrid other = new GridEdit.SetCells(Region.allLevels(0, longGrid.frames(), longGrid.levels()), 1)
                .applyTo(longGrid);
        final CodeGrid start = longGrid;
        double copy = median(() -> start.codes());
        long cells = (long) start.frames() * start.levels();

        SplittableRandom random = new SplittableRandom(7);
        EditHistory history = new EditHistory(start, EditHistory.DEFAULT_MAX_STEPS, EditHistory.DEFAULT_MAX_BYTES);
        int second = (int) Math.round(grid.timing().frameRate());
        double[] apply = new double[edits];
        String[] kinds = {"set cell", "set selection 1 s x 2 levels", "swap 1 s", "blend 1 s", "insert 1 s",
            "delete 1 s"};
        double[][] byKind = new double[kinds.length][edits];
        int[] perKind = new int[kinds.length];
        // Versions before each edit: undoing everything the bounded history kept must give back
        // the version before the oldest edit it still holds.
        CodeGrid[] before = new CodeGrid[edits];
        for (int i = 0; i < edits; i++) {
            int n = history.current().frames();
            int from = random.nextInt(n - second - 1);
            int kind = i % kinds.length;
            GridEdit edit = switch (kind) {
                case 0 -> new GridEdit.SetCells(Region.cell(random.nextInt(grid.levels()), from), random.nextInt(8));
                case 1 -> new GridEdit.SetCells(new Region(from, from + second, List.of(1, 2 % grid.levels())
                        .stream().distinct().toList()), random.nextInt(8));
                case 2 -> new GridEdit.SwapRegion(Region.allLevels(from, from + second, grid.levels()), other, from);
                case 3 -> new GridEdit.BlendRegion(Region.allLevels(from, from + second, grid.levels()), other,
                        from, 0.5f);
                case 4 -> new GridEdit.InsertRange(from, other, from, from + second);
                default -> new GridEdit.DeleteRange(from, from + second);
            };
            before[i] = history.current();
            long t0 = System.nanoTime();
            history.apply(edit);
            apply[i] = (System.nanoTime() - t0) / 1e3;
            byKind[kind][perKind[kind]++] = apply[i];
        }
        int depth = history.undoDepth();
        double[] undo = new double[depth];
        for (int i = 0; i < depth; i++) {
            long t0 = System.nanoTime();
            history.undo();
            undo[i] = (System.nanoTime() - t0) / 1e3;
        }
        boolean back = history.current().equals(before[edits - depth]);
        double[] redo = new double[depth];
        for (int i = 0; i < depth; i++) {
            long t0 = System.nanoTime();
            history.redo();
            redo[i] = (System.nanoTime() - t0) / 1e3;
        }
        out.printf(Locale.ROOT, "long grid: %d frames x %d levels (%.1f min), %d edits in a history of %d steps%n",
                start.frames(), start.levels(), start.durationSeconds() / 60, edits, depth);
        out.printf(Locale.ROOT, "reference: copying the grid's codes once: %.2f ms (%d cells)%n", copy, cells);
        out.printf(Locale.ROOT, "| %-36s | %12s | %12s | %14s |%n", "operation", "median us", "p99 us",
                "median / copy");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%n", "-".repeat(38), "-".repeat(14), "-".repeat(14), "-".repeat(16));
        for (int k = 0; k < kinds.length; k++) {
            double[] v = Arrays.copyOf(byKind[k], perKind[k]);
            editRow(out, "apply: " + kinds[k], v, copy);
        }
        editRow(out, "undo", undo, copy);
        editRow(out, "redo", redo, copy);
        out.printf(Locale.ROOT, "undo of all %d kept steps gave the version before them back: %s; history holds %.1f MB for %d steps "
                        + "(%.1f MB per full copy of the grid's codes)%n", depth, back ? "yes" : "NO",
                history.retainedBytes() / 1e6, depth, cells * 4 / 1e6);
        out.flush();
    }

    private static void editRow(PrintWriter out, String name, double[] micros, double copyMs) {
        out.printf(Locale.ROOT, "| %-36s | %12.1f | %12.1f | %14.4f |%n", name, quantile(micros, 0.5),
                quantile(micros, 0.99), quantile(micros, 0.5) / 1000 / copyMs);
    }

    private static void speedRow(PrintWriter out, String name, double ms, double seconds) {
        out.printf(Locale.ROOT, "| %-36s | %10.1f | %12.1f |%n", name, ms, seconds / (ms / 1000));
    }

    /** Median wall time in ms of {@code runs} runs after two warm-ups. */
    private double median(Runnable task) {
        task.run();
        task.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return quantile(ms, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
