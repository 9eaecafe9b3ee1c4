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
import org.sda.engine.dsp.GriffinLim;
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

    @Mixin
    ImportOptionsMixin importOptions;

    private record Row(String name, Split split, double seconds, double model, double ceiling, double magnitude,
                       double computeSeconds) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Dataset dataset = DatasetInspectCommand.importWithProgress(importOptions, paths);
        List<Row> rows = new ArrayList<>();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(modelOption.read())) {
            SdaManifest.Audio audio = runtime.manifest().audio();
            StftConfig config = new StftConfig(audio.nFft(), audio.hop());
            Stft stft = new Stft(config);
            MelFilterbank filterbank = new MelFilterbank(audio.sampleRate(), audio.nFft(), audio.melBands());
            LogMel logMel = new LogMel(config, filterbank);
            MelInverter inverter = new MelInverter(filterbank);
            GriffinLim griffinLim = new GriffinLim(config);
            boolean melOut = SdaManifest.Vq.MEL.equals(runtime.manifest().vq().decoderOutput());
            List<ImportedClip> clips = new ArrayList<>();
            clips.addAll(dataset.train().stream().limit(limit).toList());
            clips.addAll(dataset.validation().stream().limit(limit).toList());
            try (Progress progress = Progress.start("Measuring", clips.size())) {
                for (ImportedClip clip : clips) {
                    float[] x = clip.audio();
                    float[][] truth = stft.magnitude(x);
                    double ceiling = SpectralConvergence.db(truth,
                            stft.magnitude(griffinLim.reconstruct(truth, x.length)));
                    long start = System.nanoTime();
                    float[][] features = logMel.logMel(x);
                    float[][] decoded = runtime.decode(runtime.lookup(runtime.codes(runtime.encode(features))),
                            features.length);
                    exp(decoded);
                    float[][] magnitude = melOut ? inverter.invert(decoded) : decoded;
                    float[] y = griffinLim.reconstruct(magnitude, x.length);
                    double compute = (System.nanoTime() - start) / 1e9;
                    rows.add(new Row(clip.report().file().getFileName().toString(), clip.report().split(),
                            x.length / (double) audio.sampleRate(),
                            SpectralConvergence.db(truth, stft.magnitude(y)), ceiling,
                            SpectralConvergence.db(truth, magnitude), compute));
                    progress.step();
                }
            }
        }
        print(out, rows);
        return 0;
    }

    private void print(PrintWriter out, List<Row> rows) {
        out.printf(Locale.ROOT, "machine: %s%nmodel: %s%n%n", MachineInfo.describe(), modelOption.name());
        out.printf(Locale.ROOT, "| %-28s | %-10s | %8s | %8s | %6s | %10s |%n", "clip", "split", "model dB",
                "ceiling", "gap", "magnitude");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(30), "-".repeat(12), "-".repeat(10),
                "-".repeat(10), "-".repeat(8), "-".repeat(12));
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %-28s | %-10s | %8.2f | %8.2f | %6.2f | %10.2f |%n", r.name(),
                    r.split().name().toLowerCase(Locale.ROOT), r.model(), r.ceiling(), r.model() - r.ceiling(),
                    r.magnitude());
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
        }
        double audioSeconds = rows.stream().mapToDouble(Row::seconds).sum();
        double compute = rows.stream().mapToDouble(Row::computeSeconds).sum();
        out.printf(Locale.ROOT, "reconstruct (log-mel + encode + quantize + decode + Griffin-Lim 32): "
                + "%.1f s of audio in %.2f s, %.1fx real time%n", audioSeconds, compute, audioSeconds / compute);
        out.flush();
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
