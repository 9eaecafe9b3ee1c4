package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sda.engine.analysis.Descriptors;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.GridCodec;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda bench controls -m MODEL DATASET}: whether each control axis does what its name says.
 * Every sound is encoded and decoded with the axis at {@code --points} offsets from the low to
 * the high end of its safe range; the labelled descriptor of the decoded audio (its mean over the
 * sounding frames) is averaged over the sounds at each offset. The axis passes when that average
 * rises at every step. Loudness is measured before the decoder's peak limit (a result whose peak
 * would pass -1 dBFS is turned down; the gain is added back). Also printed: the share of sounds for which it rises from the low end to
 * the high end, and the other descriptors' change, to show what else the axis moves.
 */
@Command(name = "controls", mixinStandardHelpOptions = true,
        description = "Move each control axis across its safe range: does its descriptor change monotonically?")
final class BenchControlsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A model with controls (.sda).")
    Path modelFile;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "The dataset (folders and/or files).")
    List<Path> paths;

    @Option(names = "--points", paramLabel = "N", defaultValue = "5", description = "Offsets per axis. Default: ${DEFAULT-VALUE}.")
    int points;

    @Option(names = "--limit", paramLabel = "N", description = "At most N sounds, spread over the dataset (default: all).")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "32", description = "Griffin-Lim iterations. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Mixin
    ImportOptionsMixin importOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(SdaModelFile.read(modelFile))) {
            SdaManifest manifest = runtime.manifest();
            if (manifest.analysis() == null || manifest.analysis().axes().isEmpty()) {
                spec.commandLine().getErr().println("sda bench controls: " + modelFile
                        + " has no controls; add them with sda model analyze");
                return 1;
            }
            importOptions.sampleRate = manifest.audio().sampleRate();
            Dataset dataset = DatasetInspectCommand.importWithProgress(importOptions, paths);
            List<ImportedClip> all = dataset.clips();
            List<float[]> clips = new ArrayList<>();
            int n = Math.min(limit, all.size());
            for (int i = 0; i < n; i++) {
                clips.add(all.get((int) ((long) i * all.size() / n)).audio());
            }
            GridCodec codec = new GridCodec(new Reconstructor(runtime, iterations));
            Descriptors descriptors = new Descriptors(manifest.audio().sampleRate(),
                    new StftConfig(manifest.audio().nFft(), manifest.audio().hop()), manifest.vq().downsample());
            List<CodeGrid> grids = new ArrayList<>();
            for (float[] clip : clips) {
                grids.add(codec.encode(AudioBuffer.mono(clip, manifest.audio().sampleRate())).withGainDb(0));
            }
            out.printf(Locale.ROOT, "machine: %s%nmodel: %s; %d sounds; %d offsets per axis from the low to the high end"
                            + " of its safe range; Griffin-Lim %d%n%n", MachineInfo.describe(), modelFile.getFileName(),
                    clips.size(), points, iterations);
            out.printf(Locale.ROOT, "| %-11s | %5s | %-44s | %9s | %8s | %-30s |%n", "axis", "corr.",
                    "labelled descriptor, mean over sounds, low -> high", "monotonic", "sounds up",
                    "other descriptors, high - low");
            out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(13), "-".repeat(7), "-".repeat(46),
                    "-".repeat(11), "-".repeat(10), "-".repeat(32));
            try (Progress progress = Progress.start("Decoding", manifest.analysis().axes().size() * points)) {
                for (SdaManifest.Axis axis : manifest.analysis().axes()) {
                    row(out, axis, codec, descriptors, grids, progress);
                }
            }
            out.println();
            out.println("descriptors: brightness = spectral centroid (octaves), loudness (dB), noisiness = spectral"
                    + " flatness (dB), attack = frame-to-frame rise (dB), pitch (MIDI note, pitched frames only)");
            out.flush();
        }
        return 0;
    }

    private void row(PrintWriter out, SdaManifest.Axis axis, GridCodec codec, Descriptors descriptors,
                     List<CodeGrid> grids, Progress progress) {
        int kinds = Descriptors.Kind.values().length;
        int label = Descriptors.Kind.ofLabel(axis.descriptor()).ordinal();
        double[][] mean = new double[points][kinds];
        int[][] count = new int[points][kinds];
        double[][] perSound = new double[grids.size()][points];
        for (int p = 0; p < points; p++) {
            double v = axis.safeMin() + (axis.safeMax() - axis.safeMin()) * p / (points - 1);
            for (int s = 0; s < grids.size(); s++) {
                Reconstructor.Synthesis decoded = codec.decode(grids.get(s), Map.of(axis.name(), v));
                double[] d = descriptors.means(decoded.audio().samples());
                // Decoding turns a result whose peak would pass -1 dBFS down; the axis's effect on
                // loudness is measured before that limit.
                d[Descriptors.Kind.LOUDNESS.ordinal()] -= decoded.gainDb();
                perSound[s][p] = d[label];
                for (int k = 0; k < kinds; k++) {
                    if (!Double.isNaN(d[k])) {
                        mean[p][k] += d[k];
                        count[p][k]++;
                    }
                }
            }
            for (int k = 0; k < kinds; k++) {
                mean[p][k] = count[p][k] == 0 ? Double.NaN : mean[p][k] / count[p][k];
            }
            progress.step();
        }
        boolean monotonic = true;
        StringBuilder values = new StringBuilder();
        for (int p = 0; p < points; p++) {
            values.append(p == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", mean[p][label]));
            if (p > 0 && !(mean[p][label] > mean[p - 1][label])) {
                monotonic = false;
            }
        }
        int up = 0;
        int measured = 0;
        for (double[] s : perSound) {
            if (!Double.isNaN(s[0]) && !Double.isNaN(s[points - 1])) {
                measured++;
                up += s[points - 1] > s[0] ? 1 : 0;
            }
        }
        StringBuilder others = new StringBuilder();
        for (Descriptors.Kind kind : Descriptors.Kind.values()) {
            if (kind.ordinal() != label) {
                others.append(others.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%s %+.1f",
                        kind.label().substring(0, 4), mean[points - 1][kind.ordinal()] - mean[0][kind.ordinal()]));
            }
        }
        out.printf(Locale.ROOT, "| %-11s | %5.2f | %-44s | %9s | %3d/%-4d | %-30s |%n", axis.name(), axis.correlation(),
                values, monotonic ? "yes" : "NO", up, measured, others);
        out.flush();
    }
}
