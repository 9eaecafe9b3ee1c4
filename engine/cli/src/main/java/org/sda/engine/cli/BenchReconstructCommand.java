package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.dataset.Split;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.dsp.GriffinLim;
import org.sda.engine.dsp.JumpRate;
import org.sda.engine.dsp.ComplexSpectrogram;
import org.sda.engine.dsp.MelDistance;
import org.sda.engine.generate.ChunkDecoder;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.MelInverter;
import org.sda.engine.dsp.SpectralConvergence;
import org.sda.engine.dsp.Stft;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda bench reconstruct -m MODEL DATASET...}: how close a model's reconstruction comes to
 * the best phase reconstruction can do, and how fast it runs.
 *
 * <p>For every usable clip, as the trainer saw it (imported, so the train/validation split is the
 * trainer's): the <em>ceiling</em> is Griffin-Lim from the clip's own true magnitude; the
 * <em>model</em> figure is Griffin-Lim (same settings) from the model's decoded magnitude; both
 * are spectral convergence against the true magnitude. The gap is what the codes cost. The
 * magnitude-only figure (decoded vs true, no phase) tells whether the codes or the phase limit.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Reconstruction quality against the Griffin-Lim ceiling, per clip, and speed.")
final class BenchReconstructCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "The dataset (folders and/or files).")
    List<Path> paths;

    @Option(names = "--limit", paramLabel = "N", description = "Measure at most N clips per split (default: all).")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Griffin-Lim iterations of the model's path (default: the engine's, ${DEFAULT-VALUE}).")
    int iterations = ChunkDecoder.DEFAULT_ITERATIONS;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write each clip as imported, its reconstruction and its ceiling as WAV files here.")
    Path outDir;

    @Option(names = "--bounds",
            description = "Also measure what limits the mel distance: the decoded magnitude with the true phase, "
                    + "the true magnitude averaged over each code's frames, and the true mel inverted.")
    boolean bounds;

    @Option(names = "--no-detail-memory",
            description = "Decode without the model's detail memory (sda model memorise), to compare.")
    boolean noDetailMemory;

    @Mixin
    ImportOptionsMixin importOptions;

    /** Griffin-Lim iterations of the ceiling (issue 15's definition) and of the former path. */
    static final int CEILING_ITERATIONS = GriffinLim.CEILING_ITERATIONS;

    private record Row(String name, Split split, double seconds, double model, double ceiling, double magnitude,
                       double melModel, double melCeiling, float[] reconstruction, Bounds bounds) {
    }

    /**
     * Mel distances of three reconstructions that each keep one thing true, so that a gap can be
     * placed: the decoded magnitude with the recording's own phase (what the phase loses), the true
     * magnitude's power averaged over each code's frames (the best a decoder of the codes' mean could
     * hand Griffin-Lim), and the true mel through the mel inverter (what the encoder's input allows).
     */
    private record Bounds(double truePhase, double codeFrameMean, double melInput) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Dataset dataset = DatasetInspectCommand.importWithProgress(importOptions, paths);
        if (dataset.clips().isEmpty()) {
            throw new BenchInputException("no usable sounds in " + paths + " (sda dataset inspect says why)");
        }
        List<Row> rows = new ArrayList<>();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(modelOption.read())) {
            SdaManifest.Audio audio = runtime.manifest().audio();
            StftConfig config = new StftConfig(audio.nFft(), audio.hop());
            Stft stft = new Stft(config);
            MelFilterbank filterbank = new MelFilterbank(audio.sampleRate(), audio.nFft(), audio.melBands());
            LogMel logMel = new LogMel(config, filterbank);
            MelInverter inverter = new MelInverter(filterbank);
            GriffinLim ceilingPhase = new GriffinLim(config).withIterations(CEILING_ITERATIONS);
            GriffinLim modelPhase = new GriffinLim(config).withIterations(iterations);
            MelDistance melDistance = new MelDistance(audio.sampleRate());
            detailMemory = runtime.detailMemory().map(m -> noDetailMemory ? "not used (--no-detail-memory)"
                    : "kept for " + m.size() + " code frames of the training sounds").orElse("none");
            boolean melOut = SdaManifest.Vq.MEL.equals(runtime.manifest().vq().decoderOutput());
            List<ImportedClip> clips = new ArrayList<>();
            clips.addAll(dataset.train().stream().limit(limit).toList());
            clips.addAll(dataset.validation().stream().limit(limit).toList());
            java.util.function.BiFunction<ImportedClip, GriffinLim, float[]> path = (clip, phase) -> {
                float[] x = clip.audio();
                float[][] decoded = decode(runtime, logMel.logMel(x));
                float[][] magnitude = melOut ? inverter.invert(decoded) : decoded;
                return phase.reconstruct(magnitude, x.length);
            };
            try (Progress progress = Progress.start("Measuring", clips.size())) {
                for (ImportedClip clip : clips) {
                    float[] x = clip.audio();
                    float[][] truth = stft.magnitude(x);
                    float[] ceilingAudio = ceilingPhase.reconstruct(truth, x.length);
                    float[][] decoded = decode(runtime, logMel.logMel(x));
                    float[][] magnitude = melOut ? inverter.invert(decoded) : decoded;
                    float[] y = modelPhase.reconstruct(magnitude, x.length);
                    String name = clip.report().file().getFileName().toString();
                    Bounds b = null;
                    if (bounds) {
                        float[][] phase = stft.forward(x).phase();
                        float[] withTruePhase = stft.inverse(ComplexSpectrogram.fromPolar(magnitude, phase), x.length);
                        float[] codeMean = modelPhase.reconstruct(
                                codeFrameMean(truth, runtime.manifest().vq().downsample()), x.length);
                        float[] melInput = modelPhase.reconstruct(inverter.invert(filterbank.apply(truth)), x.length);
                        b = new Bounds(melDistance.distance(x, withTruePhase), melDistance.distance(x, codeMean),
                                melDistance.distance(x, melInput));
                    }
                    rows.add(new Row(name, clip.report().split(), x.length / (double) audio.sampleRate(),
                            SpectralConvergence.db(truth, stft.magnitude(y)),
                            SpectralConvergence.db(truth, stft.magnitude(ceilingAudio)),
                            SpectralConvergence.db(truth, magnitude), melDistance.distance(x, y),
                            melDistance.distance(x, ceilingAudio), y, b));
                    if (outDir != null) {
                        write(name, "original", x, audio.sampleRate());
                        write(name, "model", y, audio.sampleRate());
                        write(name, "ceiling", ceilingAudio, audio.sampleRate());
                    }
                    progress.step();
                }
            }
            // Speed, with the former path (Griffin-Lim 32) timed in the same run: every clip once,
            // on all cores (one clip per thread), after a warm-up.
            int threads = Runtime.getRuntime().availableProcessors();
            path.apply(clips.get(0), modelPhase);
            formerSeconds = timeAll(clips, c -> path.apply(c, ceilingPhase), threads);
            newSeconds = timeAll(clips, c -> path.apply(c, modelPhase), threads);
            formerOneThread = timeAll(clips, c -> path.apply(c, ceilingPhase), 1);
            newOneThread = timeAll(clips, c -> path.apply(c, modelPhase), 1);
            this.threads = threads;
            jumpRate = JumpRate.of((dataset.train().isEmpty() ? dataset.clips() : dataset.train()).stream()
                    .map(ImportedClip::audio).toList(), audio.sampleRate());
        }
        print(out, rows);
        return 0;
    }

    /** Encode, quantise, decode (with the detail memory unless turned off) and {@code exp}: the model's magnitude. */
    private float[][] decode(VqVaeRuntime runtime, float[][] features) {
        float[][] decoded = runtime.decodeCodes(runtime.codes(runtime.encode(features)), features.length,
                !noDetailMemory);
        exp(decoded);
        return decoded;
    }

    private String detailMemory;
    private double formerSeconds;
    private double newSeconds;
    private double formerOneThread;
    private double newOneThread;
    private int threads;
    private JumpRate jumpRate;

    private static double timeAll(List<ImportedClip> clips, java.util.function.Consumer<ImportedClip> work,
                                  int threads) throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (ImportedClip clip : clips) {
                futures.add(pool.submit(() -> work.accept(clip)));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("reconstruction failed", e.getCause());
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(String clip, String kind, float[] samples, int rate) {
        try {
            java.nio.file.Files.createDirectories(outDir);
            String stem = clip.replaceFirst("\\.[^.]+$", "");
            AudioFiles.write(outDir.resolve(stem + "." + kind + ".wav"), AudioBuffer.mono(samples, rate));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void print(PrintWriter out, List<Row> rows) {
        out.printf(Locale.ROOT, "machine: %s%nmodel: %s%n%n", MachineInfo.describe(), modelOption.name());
        out.printf(Locale.ROOT, "Griffin-Lim: %d iterations on the model's path, %d for the ceiling%n", iterations,
                CEILING_ITERATIONS);
        out.printf(Locale.ROOT, "detail memory: %s%n%n", detailMemory);
        out.printf(Locale.ROOT, "| %-28s | %-10s | %8s | %8s | %6s | %10s | %9s | %9s | %6s |%n", "clip", "split",
                "model dB", "ceiling", "gap", "magnitude", "mel model", "mel ceil.", "ratio");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(30), "-".repeat(12), "-".repeat(10),
                "-".repeat(10), "-".repeat(8), "-".repeat(12), "-".repeat(11), "-".repeat(11), "-".repeat(8));
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %-28s | %-10s | %8.2f | %8.2f | %6.2f | %10.2f | %9.3f | %9.3f | %6.2f |%n",
                    r.name(), r.split().name().toLowerCase(Locale.ROOT), r.model(), r.ceiling(),
                    r.model() - r.ceiling(), r.magnitude(), r.melModel(), r.melCeiling(),
                    r.melModel() / r.melCeiling());
        }
        out.println();
        for (Split split : List.of(Split.TRAIN, Split.VALIDATION)) {
            List<Row> part = rows.stream().filter(r -> r.split() == split).toList();
            if (part.isEmpty()) {
                continue;
            }
            out.printf(Locale.ROOT, "%-10s %3d clips: model %.2f dB, ceiling %.2f dB, gap %.2f dB, magnitude %.2f dB "
                            + "(means)%n", split == Split.TRAIN ? "train" : "held-out", part.size(),
                    mean(part, Row::model), mean(part, Row::ceiling), mean(part, r -> r.model() - r.ceiling()),
                    mean(part, Row::magnitude));
            out.printf(Locale.ROOT, "%-10s %3d clips: mel distance model %.3f, ceiling %.3f, ratio %.2f (means)%n",
                    split == Split.TRAIN ? "train" : "held-out", part.size(), mean(part, Row::melModel),
                    mean(part, Row::melCeiling), mean(part, Row::melModel) / mean(part, Row::melCeiling));
        }
        if (bounds) {
            printBounds(out, rows);
        }
        List<float[]> trainRecon = rows.stream().filter(r -> r.split() == Split.TRAIN).map(Row::reconstruction)
                .toList();
        out.printf(Locale.ROOT, "jumps per second: reconstructed training clips %.2f, the set's own %.2f%n",
                jumpRate.rate(trainRecon), jumpRate.ownRate());
        double audioSeconds = rows.stream().mapToDouble(Row::seconds).sum();
        out.printf(Locale.ROOT, "%nreconstruct (log-mel + encode + quantize + decode + Griffin-Lim), %.1f s of audio:%n",
                audioSeconds);
        out.printf(Locale.ROOT, "  Griffin-Lim %d (this path): %d threads %.1fx real time, 1 thread %.1fx%n", iterations,
                threads, audioSeconds / newSeconds, audioSeconds / newOneThread);
        out.printf(Locale.ROOT, "  Griffin-Lim %d (former path): %d threads %.1fx real time, 1 thread %.1fx%n",
                CEILING_ITERATIONS, threads, audioSeconds / formerSeconds, audioSeconds / formerOneThread);
        out.printf(Locale.ROOT, "  speed-up, same run: %.2fx on %d threads, %.2fx on 1%n", formerSeconds / newSeconds,
                threads, formerOneThread / newOneThread);
        out.flush();
    }

    private void printBounds(PrintWriter out, List<Row> rows) {
        out.printf(Locale.ROOT, "%nwhat limits the mel distance (means; x the ceiling's):%n");
        out.printf(Locale.ROOT, "| %-10s | %14s | %16s | %22s | %16s |%n", "split", "model's path",
                "true phase", "code-frame mean (GL " + iterations + ")", "mel input (GL " + iterations + ")");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%n", "-".repeat(12), "-".repeat(16), "-".repeat(18), "-".repeat(24),
                "-".repeat(18));
        for (Split split : List.of(Split.TRAIN, Split.VALIDATION)) {
            List<Row> part = rows.stream().filter(r -> r.split() == split).toList();
            if (part.isEmpty()) {
                continue;
            }
            double ceiling = mean(part, Row::melCeiling);
            double model = mean(part, Row::melModel);
            double phase = mean(part, r -> r.bounds().truePhase());
            double codeMean = mean(part, r -> r.bounds().codeFrameMean());
            double mel = mean(part, r -> r.bounds().melInput());
            out.printf(Locale.ROOT, "| %-10s | %7.3f %5.2fx | %9.3f %5.2fx | %15.3f %5.2fx | %9.3f %5.2fx |%n",
                    split == Split.TRAIN ? "train" : "held-out", model, model / ceiling, phase, phase / ceiling,
                    codeMean, codeMean / ceiling, mel, mel / ceiling);
        }
    }

    /** Each frame's magnitude replaced by the root mean power of its code frame ({@code downsample} frames). */
    static float[][] codeFrameMean(float[][] magnitude, int downsample) {
        float[][] out = new float[magnitude.length][];
        for (int start = 0; start < magnitude.length; start += downsample) {
            int end = Math.min(start + downsample, magnitude.length);
            float[] mean = new float[magnitude[start].length];
            for (int k = 0; k < mean.length; k++) {
                double power = 0;
                for (int t = start; t < end; t++) {
                    power += (double) magnitude[t][k] * magnitude[t][k];
                }
                mean[k] = (float) Math.sqrt(power / (end - start));
            }
            for (int t = start; t < end; t++) {
                out[t] = mean.clone();
            }
        }
        return out;
    }

    private static double mean(List<Row> rows, java.util.function.ToDoubleFunction<Row> value) {
        return rows.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static void exp(float[][] logMagnitude) {
        for (float[] row : logMagnitude) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) Math.exp(Math.min(row[i], 30f));
            }
        }
    }
}
