package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.codes.CodeGrid;
import org.sda.engine.codes.GridCodec;
import org.sda.engine.codes.GridEdit;
import org.sda.engine.codes.Region;
import org.sda.engine.dsp.SpectralFlux;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.inference.VqVaeRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code sda bench hybrid -m MODEL A B}: whether hybrids of two sounds land between them, and
 * whether their region edges click.
 *
 * <p>Both sounds are encoded; the region is the middle half of the shorter grid, on every level
 * (and, for the second swap, on all levels but the coarsest). Everything is decoded at the
 * model's working level (gain 0), so level differences between the sources do not count.
 *
 * <p><b>Between.</b> Over the region's log-mel frames (LogMel of the model), with {@code a},
 * {@code b} the two sources' decoded frames and {@code h} the hybrid's: the position
 * {@code alpha = sum <h - a, b - a> / sum |b - a|^2} (0 at A, 1 at B) and the detour
 * {@code (|h - a| + |h - b|) / |a - b|} (1 on the straight line between them, larger off it),
 * as means over frames. A hybrid lies between when alpha is inside (0, 1) and it is closer to
 * each source than the sources are to each other.
 *
 * <p><b>Clicks.</b> {@link SpectralFlux#seams} at the two region edges: the flux there and where it
 * ranks among the flux of every other frame. For reference, the same measure on the decoded A
 * (no edit) and on a hard splice of the decoded sounds' audio at the same edges (a cut that does
 * click) and on a splice crossfaded over 10 ms (the content changes just as abruptly, without
 * a waveform step): an edit adds no click of its own when its edges are no sharper than the
 * crossfaded splice's.
 */
@Command(name = "hybrid", mixinStandardHelpOptions = true,
        description = "Hybrids of two sounds (swap, 50%% blend): where they lie between the sources, and edge clicks.")
final class BenchHybridCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(index = "0", paramLabel = "A", description = "The first sound.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "The second sound.")
    Path second;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(modelOption.read())) {
            GridCodec codec = new GridCodec(runtime);
            CodeGrid a = codec.encode(first).withGainDb(0);
            CodeGrid b = codec.encode(second).withGainDb(0);
            int n = Math.min(a.frames(), b.frames());
            int from = n / 4;
            int to = Math.max(from + 1, 3 * n / 4);
            Region all = Region.allLevels(from, to, a.levels());
            List<Integer> upper = all.levels().subList(1, a.levels());
            List<Hybrid> hybrids = List.of(
                    new Hybrid("swap, all levels", new GridEdit.SwapRegion(all, b, from)),
                    new Hybrid("swap, all, " + EDGE + "-frame fades", new GridEdit.FadedSwap(all, b, from, EDGE)),
                    new Hybrid("swap, levels " + String.join("+", a.levelLabels().subList(1, a.levels())),
                            new GridEdit.SwapRegion(new Region(from, to, upper), b, from)),
                    new Hybrid("blend 50%, all levels", new GridEdit.BlendRegion(all, b, from, 0.5f)));
            float[] da = codec.decode(a).audio().samples();
            float[] db = codec.decode(b).audio().samples();
            var logMel = codec.reconstructor().logMel();
            float[][] ma = logMel.logMel(da);
            float[][] mb = logMel.logMel(db);
            int ds = codec.timing().downsample();
            // The region's STFT frames, one code frame in from each edge (whose windows straddle it).
            int lo = (from + 1) * ds;
            int hi = (to - 1) * ds;
            StftConfig stft = new StftConfig(runtime.manifest().audio().nFft(), runtime.manifest().audio().hop());
            int[] joins = {codec.timing().sampleAt(from), codec.timing().sampleAt(to)};

            out.printf(Locale.ROOT, "machine: %s%nmodel: %s%nA: %s (%d frames), B: %s (%d frames); region: frames "
                            + "%d-%d of %d (%.2f-%.2f s)%n%n", MachineInfo.describe(), modelOption.name(),
                    first.getFileName(), a.frames(), second.getFileName(), b.frames(), from, to - 1, a.frames(),
                    from / a.timing().frameRate(), to / a.timing().frameRate());
            out.printf(Locale.ROOT, "| %-30s | %7s | %7s | %7s | %7s | %7s | %-22s |%n", "audio", "alpha", "detour",
                    "|h-a|", "|h-b|", "|a-b|", "edge flux (rank)");
            out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(32), "-".repeat(9), "-".repeat(9),
                    "-".repeat(9), "-".repeat(9), "-".repeat(9), "-".repeat(24));
            row(out, "decoded A (no edit)", ma, ma, mb, lo, hi, SpectralFlux.seams(da, stft, joins));
            for (Hybrid h : hybrids) {
                float[] audio = codec.decode(h.edit().applyTo(a)).audio().samples();
                row(out, h.name(), logMel.logMel(audio), ma, mb, lo, hi, SpectralFlux.seams(audio, stft, joins));
            }
            float[] splice = da.clone();
            System.arraycopy(db, joins[0], splice, joins[0], Math.min(joins[1], db.length) - joins[0]);
            row(out, "hard audio splice (ref.)", logMel.logMel(splice), ma, mb, lo, hi,
                    SpectralFlux.seams(splice, stft, joins));
            float[] faded = da.clone();
            int fade = Math.round(runtime.manifest().audio().sampleRate() * FADE_SECONDS);
            for (int i = Math.max(0, joins[0] - fade / 2); i < Math.min(Math.min(db.length, da.length),
                    joins[1] + fade / 2); i++) {
                double in = Math.min(1, Math.max(0, (i - (joins[0] - fade / 2)) / (double) fade));
                double outGain = Math.min(1, Math.max(0, ((joins[1] + fade / 2) - i) / (double) fade));
                double w = Math.min(in, outGain);
                faded[i] = (float) ((1 - w) * da[i] + w * db[i]);
            }
            row(out, "10 ms crossfaded splice (ref.)", logMel.logMel(faded), ma, mb, lo, hi,
                    SpectralFlux.seams(faded, stft, joins));
            out.println();
            out.println("alpha: position between A (0) and B (1); detour: (|h-a| + |h-b|) / |a-b|, 1 = on the line;"
                    + " distances: mean L2 over log-mel frames of the region; edge flux: spectral flux at the two"
                    + " region edges and its rank among all other frames (1.00 = the largest)");
            out.flush();
        }
        return 0;
    }

    /** Crossfade of the reference splice: long enough to remove the waveform step, short against the sounds. */
    private static final float FADE_SECONDS = 0.010f;
    private static final int EDGE = 2;

    private record Hybrid(String name, GridEdit edit) {
    }

    private static void row(PrintWriter out, String name, float[][] h, float[][] a, float[][] b, int lo, int hi,
                            SpectralFlux.SeamReport seams) {
        double alpha = 0;
        double alphaNorm = 0;
        double ha = 0;
        double hb = 0;
        double ab = 0;
        int n = 0;
        for (int t = lo; t < Math.min(hi, Math.min(h.length, Math.min(a.length, b.length))); t++) {
            double dot = 0;
            double norm = 0;
            double sha = 0;
            double shb = 0;
            for (int k = 0; k < h[t].length; k++) {
                double d = b[t][k] - a[t][k];
                double e = h[t][k] - a[t][k];
                double f = h[t][k] - b[t][k];
                dot += e * d;
                norm += d * d;
                sha += e * e;
                shb += f * f;
            }
            if (norm > 0) {
                alpha += dot;
                alphaNorm += norm;
                ha += Math.sqrt(sha);
                hb += Math.sqrt(shb);
                ab += Math.sqrt(norm);
                n++;
            }
        }
        out.printf(Locale.ROOT, "| %-30s | %7.2f | %7.2f | %7.1f | %7.1f | %7.1f | %5.3f (%.2f), %5.3f (%.2f) |%n",
                name, alpha / alphaNorm, (ha + hb) / ab, ha / n, hb / n, ab / n, seams.atJoins()[0],
                seams.insideRank(seams.atJoins()[0]), seams.atJoins()[1], seams.insideRank(seams.atJoins()[1]));
    }
}
