package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.export.BinauralRenderer;
import org.sda.engine.export.ExportFormat;
import org.sda.engine.export.ExportSettings;
import org.sda.engine.export.Hrtf;
import org.sda.engine.export.Placement;
import org.sda.engine.export.Spatial;
import org.sda.engine.export.StereoWidener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda bench export FILE}: real-time factors of the export stages on one sound: binaural
 * rendering (HRTF convolution), stereo widening, and writing each format (encoding included).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Real-time factors of binaural rendering, stereo widening and each export format on one sound.")
final class BenchExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A sound (mixed to mono).")
    Path file;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "Timed runs per figure (median). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AudioBuffer audio = Mixdown.toMono(AudioFiles.read(file));
        double seconds = audio.durationSeconds();
        long loadStart = System.nanoTime();
        Hrtf head = Hrtf.defaultHead();
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        out.printf(Locale.ROOT, "machine: %s%nclip: %s (%.2f s at %d Hz); median of %d runs after 2 warm-ups%n",
                MachineInfo.describe(), file.getFileName(), seconds, audio.sampleRate(), runs);
        out.printf(Locale.ROOT, "default head model (%s) loaded in %.0f ms%n%n", head, loadMs);
        out.printf(Locale.ROOT, "| %-34s | %10s | %12s |%n", "stage", "median ms", "x real time");
        out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(36), "-".repeat(12), "-".repeat(14));
        row(out, "binaural render (HRTF convolution)", median(() -> BinauralRenderer.render(audio, head, Placement.at(90, 0))), seconds);
        row(out, "stereo widening", median(() -> StereoWidener.widen(audio, 1)), seconds);
        Path dir = Files.createTempDirectory("sda-bench-export");
        try {
            for (ExportFormat format : ExportFormat.values()) {
                if (!AudioExporter.isAvailable(format)) {
                    out.printf(Locale.ROOT, "| %-34s | %10s | %12s |%n", "write " + format.label(), "n/a", "n/a");
                    continue;
                }
                Path target = dir.resolve("bench." + format.extension());
                ExportSettings settings = ExportSettings.DEFAULT.withFormat(format).withSpatial(Spatial.stereo(0.5));
                row(out, "write " + format.label() + " (stereo)", median(() -> {
                    try {
                        AudioExporter.export(audio, target, settings);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }), seconds);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String name, double ms, double seconds) {
        out.printf(Locale.ROOT, "| %-34s | %10.1f | %12.0f |%n", name, ms, seconds * 1000 / ms);
    }

    private double median(Runnable task) {
        task.run();
        task.run();
        double[] t = new double[Math.max(1, runs)];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
