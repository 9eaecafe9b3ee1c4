package org.sda.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.audio.Resampler;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.DatasetImporter;
import org.sda.engine.dataset.FeatureCache;
import org.sda.engine.dataset.ImportListener;
import org.sda.engine.dataset.ImportOptions;
import org.sda.engine.cli.bench.DspBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sda bench}: speed measurements, printed as tables ready for the benchmark notes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed on this machine (real-time factors: audio seconds per compute second).",
        subcommands = {BenchCommand.Dsp.class, BenchCommand.Import.class, BenchReconstructCommand.class,
            BenchPriorCommand.class, BenchGenerateCommand.class, BenchCodesCommand.class,
            BenchHybridCommand.class, BenchControlsCommand.class,
            BenchInstrumentCommand.class, BenchLibraryCommand.class, BenchExportCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sda bench dsp}: STFT, iSTFT, log-mel, mel inversion and Griffin-Lim on one core. */
    @Command(name = "dsp", mixinStandardHelpOptions = true,
            description = "Time the DSP on one core on a real clip (default: the longest demo sound).")
    static final class Dsp implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--file", paramLabel = "FILE", description = "Sound to measure on.")
        Path file;

        @Override
        public Integer call() throws Exception {
            Path clip = file != null ? file : longestDemoSound();
            int rate = ImportOptions.defaults().modelSampleRate();
            float[] signal = Resampler.resample(Mixdown.toMono(AudioFiles.read(clip)), rate).samples();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "machine: %s%n", MachineInfo.describe());
            out.printf(Locale.ROOT, "clip: %s (%.2f s at %d Hz, mono)%n%n", clip.getFileName(),
                    (double) signal.length / rate, rate);
            out.printf(Locale.ROOT, "| %-36s | %12s | %16s |%n", "step (one core)", "median ms", "x real time");
            out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(38), "-".repeat(14), "-".repeat(18));
            for (DspBenchmark.Result r : new DspBenchmark().run(signal, rate)) {
                out.printf(Locale.ROOT, "| %-36s | %12.2f | %16.1f |%n", r.name(), r.medianSeconds() * 1000,
                        r.realTimeFactor());
            }
            out.flush();
            return 0;
        }

        private static Path longestDemoSound() throws IOException {
            Path demo = SdaHome.demoSounds().orElseThrow(() ->
                    new CommandLine.ParameterException(new CommandLine(new Dsp()),
                            "demo sounds not found: give a clip with --file"));
            try (Stream<Path> files = Files.list(demo)) {
                return files.filter(p -> p.toString().endsWith(".flac"))
                        .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
            }
        }
    }

    /** {@code sda bench import PATH}: a whole import, cold (empty cache) and then cached. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Time a whole dataset import with an empty cache, then again from the cache.")
    static final class Import implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders and/or sound files.")
        List<Path> paths;

        @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: ${DEFAULT-VALUE}).")
        int threads = DatasetImporter.defaultThreads();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path cacheRoot = Files.createTempDirectory("sda-bench-cache");
            try {
                DatasetImporter importer = new DatasetImporter(ImportOptions.defaults(), new FeatureCache(cacheRoot),
                        threads);
                long start = System.nanoTime();
                Dataset cold = importer.importFrom(paths, ImportListener.NONE);
                double coldSeconds = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                importer.importFrom(paths, ImportListener.NONE);
                double cachedSeconds = (System.nanoTime() - start) / 1e9;

                Dataset.Summary s = cold.summary();
                out.printf(Locale.ROOT, "machine: %s%n", MachineInfo.describe());
                out.printf(Locale.ROOT, "dataset: %d files, %d usable, %.1f s of usable audio; %d threads%n%n",
                        s.filesFound(), s.usable(), s.usableSeconds(), threads);
                out.printf(Locale.ROOT, "| %-8s | %10s | %12s |%n", "import", "wall s", "x real time");
                out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(10), "-".repeat(12), "-".repeat(14));
                out.printf(Locale.ROOT, "| %-8s | %10.2f | %12.1f |%n", "cold", coldSeconds,
                        s.usableSeconds() / coldSeconds);
                out.printf(Locale.ROOT, "| %-8s | %10.2f | %12.1f |%n", "cached", cachedSeconds,
                        s.usableSeconds() / cachedSeconds);
                out.flush();
                return 0;
            } finally {
                deleteTree(cacheRoot);
            }
        }

        private static void deleteTree(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
