package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.audio.Resampler;
import org.sda.engine.instrument.PoolFillBenchmark;
import org.sda.engine.instrument.VoiceBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sda bench instrument}: the render path's cost per block with 16 voices sounding, as a
 * share of the block's duration. The voices play the demo sounds (or given files): the render
 * cost does not depend on where the sounds came from.
 */
@Command(name = "instrument", mixinStandardHelpOptions = true,
        description = "Time the instrument's voice engine per block (16 voices) as a share of the block's duration.")
final class BenchInstrumentCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", paramLabel = "HZ", description = "Host sample rate (default: ${DEFAULT-VALUE}).")
    int rate = 48000;

    @Option(names = "--seconds", paramLabel = "S", description = "Audio seconds timed per block size (default: ${DEFAULT-VALUE}).")
    double seconds = 60;

    @Option(names = "--blocks", split = ",", paramLabel = "N", description = "Block sizes (default: 64,128,512).")
    int[] blocks = {64, 128, 512};

    @Option(names = "--sounds", paramLabel = "DIR", description = "Folder of sounds to play (default: the demo sounds).")
    Path sounds;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Also time a model with a prior from loading to a full pool, without and with the variation cache.")
    Path model;

    @Override
    public Integer call() throws Exception {
        Path folder = sounds != null ? sounds : SdaHome.demoSounds().orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "demo sounds not found: give --sounds DIR"));
        List<float[]> clips = read(folder);
        if (clips.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), folder + " has no sounds to play");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "machine: %s%n", MachineInfo.describe());
        out.printf(Locale.ROOT, "%d sounds from %s at %d Hz; 16 voices sounding, vibrato on, a stolen voice every 50 ms;"
                + " %.0f s of audio timed per block size after 20 s of warm-up%n%n", clips.size(), folder.getFileName(),
                rate, seconds);
        out.printf(Locale.ROOT, "| %6s | %6s | %-4s | %8s | %8s | %8s | %8s | %8s |%n", "frames", "blocks", "time",
                "median", "p99", "p99.9", "max", "mean");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(8), "-".repeat(8), "-".repeat(6),
                "-".repeat(10), "-".repeat(10), "-".repeat(10), "-".repeat(10), "-".repeat(10));
        for (VoiceBenchmark.Result r : new VoiceBenchmark(rate, clips, 20, seconds).run(blocks)) {
            row(out, r, "wall", r.wall());
            row(out, r, "cpu", r.cpu());
            out.flush();
        }
        out.println();
        out.println("(time to render one block as a share of the block's duration; 100 % = no real-time headroom;"
                + " wall = elapsed, cpu = the render thread's own CPU time)");
        out.flush();
        if (model != null) {
            poolFill(out);
        }
        return 0;
    }

    private void poolFill(PrintWriter out) throws Exception {
        Path cache = Files.createTempDirectory("sda-bench-variations");
        try {
            out.printf(Locale.ROOT, "%nmodel %s, %d Hz, %d generation worker(s); seconds from choosing the model:%n%n",
                    model.getFileName(), rate, org.sda.engine.instrument.Instruments.defaultWorkers());
            out.printf(Locale.ROOT, "| %-20s | %8s | %15s | %9s |%n", "run", "loaded", "first variation", "full pool");
            out.printf(Locale.ROOT, "|%s|%s|%s|%s|%n", "-".repeat(22), "-".repeat(10), "-".repeat(17), "-".repeat(11));
            for (String run : new String[] {"generated (no cache)", "from the cache"}) {
                PoolFillBenchmark.Result r = PoolFillBenchmark.run(run, model, cache, rate, 600);
                out.printf(Locale.ROOT, "| %-20s | %8.2f | %15.2f | %9.2f |%n", r.run(), r.loadSeconds(), r.firstSeconds(),
                        r.fullSeconds());
                out.flush();
            }
        } finally {
            try (Stream<Path> walk = Files.walk(cache)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void row(PrintWriter out, VoiceBenchmark.Result r, String kind, VoiceBenchmark.Spread s) {
        out.printf(Locale.ROOT, "| %6d | %6d | %-4s | %7.2f%% | %7.2f%% | %7.2f%% | %7.2f%% | %7.2f%% |%n",
                r.blockFrames(), r.blocks(), kind, 100 * s.median(), 100 * s.p99(), 100 * s.p999(), 100 * s.max(),
                100 * s.mean());
    }

    private List<float[]> read(Path folder) throws IOException {
        List<float[]> clips = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    clips.add(Resampler.resample(Mixdown.toMono(AudioFiles.read(f)), rate).samples());
                } catch (Exception e) {
                    spec.commandLine().getErr().println("skipped " + f + ": " + e.getMessage());
                }
            }
        }
        // Longest first: the first notes keep all voices busy for the longest.
        clips.sort((a, b) -> Integer.compare(b.length, a.length));
        return clips;
    }
}
