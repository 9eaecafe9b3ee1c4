package org.sda.engine.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.dsp.SymmetricEigen;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * Finds a model's musical controls: the principal axes of its encoder's continuous latent over a
 * dataset, each named after the audio descriptor it correlates with most.
 *
 * <ol>
 *   <li>Every sound goes through the model's own log-mel and encoder (ONNX Runtime); each latent
 *       frame {@code z_t [codeDim]} is paired with the {@link Descriptors} of the audio it covers.
 *       Silent frames are left out.
 *   <li>PCA: the covariance of the frames, its eigenvectors by variance ({@link SymmetricEigen});
 *       the first {@code axes} are the controls.
 *   <li>Labels: the Pearson correlation of every axis's positions with every descriptor; the
 *       (axis, descriptor) pair with the largest |r| is fixed first, then the next among the
 *       remaining axes and descriptors, so each axis gets its own name. Pitch takes part only
 *       when at least {@value #MIN_PITCHED_SHARE} of the frames are pitched. The direction is
 *       flipped where needed so that moving up an axis raises its descriptor.
 *   <li>Ranges: safe = 2nd to 98th percentile of the positions; the warning range adds half the
 *       safe width on each side.
 * </ol>
 *
 * <p>Used by {@code sda model analyze} and by the trainer after it exports a model, so both give
 * the same analysis. Thread: the caller's; allocates; seconds for a few hundred sounds.
 */
public final class LatentAnalyzer {

    public static final int DEFAULT_AXES = 4;
    static final double MIN_PITCHED_SHARE = 0.1;
    static final double SAFE_LOW = 0.02;
    static final double SAFE_HIGH = 0.98;

    private final VqVaeRuntime runtime;
    private final int axes;
    private final LogMel logMel;
    private final Descriptors descriptors;

    public LatentAnalyzer(VqVaeRuntime runtime) {
        this(runtime, DEFAULT_AXES);
    }

    public LatentAnalyzer(VqVaeRuntime runtime, int axes) {
        this.runtime = runtime;
        SdaManifest manifest = runtime.manifest();
        this.axes = Math.min(axes, manifest.vq().codeDim());
        if (this.axes < 1) {
            throw new IllegalArgumentException("at least one axis");
        }
        SdaManifest.Audio audio = manifest.audio();
        StftConfig config = new StftConfig(audio.nFft(), audio.hop());
        this.logMel = new LogMel(config, new MelFilterbank(audio.sampleRate(), audio.nFft(), audio.melBands()));
        this.descriptors = new Descriptors(audio.sampleRate(), config, manifest.vq().downsample());
    }

    /**
     * Analyses sounds the way the model was trained on them: mono at the model rate, peak
     * normalised as the importer leaves them.
     *
     * @throws IllegalArgumentException when the sounds have fewer sounding frames than the latent has dimensions
     */
    public SdaManifest.Analysis analyse(List<float[]> clips) {
        int dim = runtime.manifest().vq().codeDim();
        List<float[]> latents = new ArrayList<>();
        List<double[]> frameDescriptors = new ArrayList<>();
        for (float[] clip : clips) {
            float[][] latent = runtime.encode(logMel.logMel(clip));
            double[][] d = descriptors.perFrame(clip);
            for (int t = 0; t < Math.min(latent.length, d.length); t++) {
                if (Descriptors.sounding(d[t])) {
                    latents.add(latent[t]);
                    frameDescriptors.add(d[t]);
                }
            }
        }
        int n = latents.size();
        if (n <= dim) {
            throw new IllegalArgumentException("only " + n + " sounding latent frames in " + clips.size()
                    + " sounds; the analysis needs more than " + dim);
        }
        double[] mean = new double[dim];
        for (float[] z : latents) {
            for (int k = 0; k < dim; k++) {
                mean[k] += z[k] / (double) n;
            }
        }
        double[][] cov = new double[dim][dim];
        double[] c = new double[dim];
        for (float[] z : latents) {
            for (int k = 0; k < dim; k++) {
                c[k] = z[k] - mean[k];
            }
            for (int i = 0; i < dim; i++) {
                for (int j = i; j < dim; j++) {
                    cov[i][j] += c[i] * c[j];
                }
            }
        }
        double total = 0;
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
            total += cov[i][i];
        }
        SymmetricEigen eigen = SymmetricEigen.of(cov);
        Integer[] order = new Integer[dim];
        for (int i = 0; i < dim; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigen.values[b], eigen.values[a]));

        double[][] directions = new double[axes][dim];
        double[][] positions = new double[axes][n];
        for (int a = 0; a < axes; a++) {
            for (int k = 0; k < dim; k++) {
                directions[a][k] = eigen.vectors[k][order[a]];
            }
            for (int t = 0; t < n; t++) {
                float[] z = latents.get(t);
                double p = 0;
                for (int k = 0; k < dim; k++) {
                    p += (z[k] - mean[k]) * directions[a][k];
                }
                positions[a][t] = p;
            }
        }
        Descriptors.Kind[] kinds = Descriptors.Kind.values();
        List<Map<Descriptors.Kind, Double>> correlations = new ArrayList<>();
        for (int a = 0; a < axes; a++) {
            Map<Descriptors.Kind, Double> r = new EnumMap<>(Descriptors.Kind.class);
            for (Descriptors.Kind kind : kinds) {
                double[] values = new double[n];
                int defined = 0;
                for (int t = 0; t < n; t++) {
                    values[t] = frameDescriptors.get(t)[kind.ordinal()];
                    defined += Double.isNaN(values[t]) ? 0 : 1;
                }
                boolean usable = kind != Descriptors.Kind.PITCH || defined >= Math.max(30, MIN_PITCHED_SHARE * n);
                double corr = usable ? pearson(positions[a], values) : Double.NaN;
                if (!Double.isNaN(corr)) {
                    r.put(kind, corr);
                }
            }
            correlations.add(r);
        }
        Descriptors.Kind[] label = assignLabels(correlations);

        List<SdaManifest.Axis> result = new ArrayList<>();
        for (int a = 0; a < axes; a++) {
            Descriptors.Kind kind = label[a];
            double r = kind == null ? 0 : correlations.get(a).get(kind);
            double sign = r < 0 ? -1 : 1;
            float[] direction = new float[dim];
            for (int k = 0; k < dim; k++) {
                direction[k] = (float) (sign * directions[a][k]);
            }
            double[] sorted = positions[a].clone();
            for (int t = 0; t < n; t++) {
                sorted[t] *= sign;
            }
            Arrays.sort(sorted);
            double safeMin = quantile(sorted, SAFE_LOW);
            double safeMax = quantile(sorted, SAFE_HIGH);
            double margin = (safeMax - safeMin) / 2;
            Map<String, Double> all = new LinkedHashMap<>();
            correlations.get(a).forEach((k, v) -> all.put(k.label(), sign * v));
            String name = kind == null ? "axis " + (a + 1) : kind.label();
            result.add(new SdaManifest.Axis(name, kind == null ? "" : kind.label(), Math.abs(r),
                    eigen.values[order[a]] / total, direction, safeMin, safeMax, safeMin - margin, safeMax + margin,
                    all));
        }
        float[] meanOut = new float[dim];
        for (int k = 0; k < dim; k++) {
            meanOut[k] = (float) mean[k];
        }
        return new SdaManifest.Analysis(SdaManifest.Analysis.ANALYSIS_VERSION, clips.size(), n, meanOut, result);
    }

    /** Greedy: the pair with the largest |r| first, each axis and descriptor used once. */
    static Descriptors.Kind[] assignLabels(List<Map<Descriptors.Kind, Double>> correlations) {
        int axes = correlations.size();
        Descriptors.Kind[] label = new Descriptors.Kind[axes];
        boolean[] used = new boolean[Descriptors.Kind.values().length];
        for (int round = 0; round < axes; round++) {
            int bestAxis = -1;
            Descriptors.Kind bestKind = null;
            double best = -1;
            for (int a = 0; a < axes; a++) {
                if (label[a] != null) {
                    continue;
                }
                for (Map.Entry<Descriptors.Kind, Double> e : correlations.get(a).entrySet()) {
                    if (!used[e.getKey().ordinal()] && Math.abs(e.getValue()) > best) {
                        best = Math.abs(e.getValue());
                        bestAxis = a;
                        bestKind = e.getKey();
                    }
                }
            }
            if (bestAxis < 0) {
                break;
            }
            label[bestAxis] = bestKind;
            used[bestKind.ordinal()] = true;
        }
        return label;
    }

    /** Pearson correlation over the entries where {@code y} is defined; NaN with fewer than 3 or no spread. */
    static double pearson(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** {@code manifest} with {@code analysis} in place of whatever it had. */
    public static SdaManifest withAnalysis(SdaManifest m, SdaManifest.Analysis analysis) {
        return new SdaManifest(m.formatVersion(), m.name(), m.tags(), m.created(), m.audio(), m.vq(), m.dataset(),
                m.training(), m.prior(), analysis);
    }

    /**
     * Analyses the model in {@code modelFile} over {@code clips} and writes it, with the analysis
     * in its manifest and every entry as it was, to {@code output} (which may be
     * {@code modelFile}) atomically.
     *
     * @return the analysis written
     */
    public static SdaManifest.Analysis addTo(Path modelFile, Path output, List<float[]> clips)
            throws ModelFileException, IOException {
        SdaModel model = SdaModelFile.read(modelFile);
        SdaManifest.Analysis analysis;
        try (VqVaeRuntime runtime = VqVaeRuntime.open(model)) {
            analysis = new LatentAnalyzer(runtime).analyse(clips);
        }
        SdaModelFile.write(output, withAnalysis(model.manifest(), analysis), model.entries());
        return analysis;
    }
}
