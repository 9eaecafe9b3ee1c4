package org.sda.engine.dsp;

import java.util.Objects;

/**
 * Mel spectrum back to a linear-frequency magnitude spectrum by non-negative least squares, frame
 * by frame:
 *
 * <pre>
 *   x* = argmin_{x >= 0} || W x - m ||^2
 * </pre>
 *
 * with {@code W} the {@link MelFilterbank} weights ({@code nMels x bins}) and {@code m} one mel
 * frame. This is what {@code librosa.feature.inverse.mel_to_stft} solves; a plain pseudo-inverse
 * produces negative "magnitudes" that have to be clipped, and the clipped result no longer
 * reproduces the mel spectrum.
 *
 * <p><b>Algorithm.</b> The problem is underdetermined (128 bands, 513 bins) and {@code W} is
 * sparse: each bin lies in at most two triangles. So the solver works on the sparse rows
 * instead of forming {@code W^T W} ({@code bins^2} entries, mostly zero):
 *
 * <ol>
 *   <li><b>Column scaling.</b> Slaney normalisation makes low bands' weights up to ~50x larger
 *       than high bands', which would make gradient steps crawl in the high bands. With
 *       {@code D = diag(1 / ||W[:,k]||)} and {@code x = D z}, {@code z >= 0} exactly when
 *       {@code x >= 0}, so the problem {@code min_{z>=0} ||W D z - m||^2} is the same problem,
 *       better conditioned. Bins no band covers have zero columns and stay zero.
 *   <li><b>Warm start</b> from the clipped minimum-norm solution {@code max(0, W^+ m)}, as librosa
 *       does; {@code W^+ = W^T (W W^T)^+} comes from an eigen-decomposition of the small
 *       {@code nMels x nMels} Gram matrix, with eigenvalues below {@code 1e-10} of the largest
 *       (empty or duplicate bands) treated as zero.
 *   <li><b>Accelerated projected gradient</b> (FISTA, Beck and Teboulle 2009, with the projection
 *       onto {@code z >= 0} as the proximal step) with step {@code 1/L},
 *       {@code L = lambda_max((WD)(WD)^T)}, and gradient-based adaptive restart (O'Donoghue and
 *       Candès 2015, "Adaptive restart for accelerated gradient schemes") to suppress the
 *       oscillation momentum causes. A fixed iteration budget keeps the cost predictable:
 *       each iteration is two sparse products, about {@code 4 * bins} multiply-adds.
 *   <li>The final iterate is kept only if its residual is below the warm start's, so the result
 *       is never worse than the clipped pseudo-inverse.
 * </ol>
 *
 * <p>Instances are immutable and thread-safe; set-up (the eigen-decomposition) happens once in
 * the constructor.
 */
public final class MelInverter {

    /** Iterations per frame; enough for a relative mel residual near 1e-3 on music. */
    public static final int DEFAULT_ITERATIONS = 100;

    private static final double EIGEN_CUTOFF = 1e-10;

    /** Columns weaker than this fraction of the strongest column's norm count as uncovered. */
    private static final double NEGLIGIBLE_COLUMN = 1e-3;

    private final MelFilterbank filterbank;
    private final int iterations;
    private final int nMels;
    private final int bins;
    private final int[] start;
    private final int[] end;
    /** Scaled weights {@code (W D)[i][k]}, {@code [nMels][bins]}, non-zero only in [start, end). */
    private final float[][] scaled;
    /** {@code D[k] = 1 / ||W[:,k]||}, 0 for uncovered bins. */
    private final float[] columnScale;
    /** Pseudo-inverse {@code W^+}, {@code [bins][nMels]}. */
    private final float[][] pseudoInverse;
    private final float stepSize;

    public MelInverter(MelFilterbank filterbank) {
        this(filterbank, DEFAULT_ITERATIONS);
    }

    /**
     * @param filterbank the filterbank the mel spectra were made with
     * @param iterations projected-gradient iterations per frame, {@code >= 0} (0 gives the
     *     clipped pseudo-inverse)
     */
    public MelInverter(MelFilterbank filterbank, int iterations) {
        this.filterbank = Objects.requireNonNull(filterbank, "filterbank");
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0: " + iterations);
        }
        this.iterations = iterations;
        this.nMels = filterbank.nMels();
        this.bins = filterbank.bins();
        float[][] w = filterbank.weightsView();
        this.start = new int[nMels];
        this.end = new int[nMels];
        for (int i = 0; i < nMels; i++) {
            start[i] = filterbank.bandStart(i);
            end[i] = filterbank.bandEnd(i);
        }

        double[] norm2 = new double[bins];
        for (int i = 0; i < nMels; i++) {
            for (int k = start[i]; k < end[i]; k++) {
                norm2[k] += (double) w[i][k] * w[i][k];
            }
        }
        // A bin that the bands barely touch (the Nyquist bin at the top edge, say) costs nothing
        // in the mel residual whatever its value: scaling its column up to unit norm would let the
        // solver park any amount of energy there. Such bins count as uncovered and stay zero.
        double strongest = 0;
        for (double n : norm2) {
            strongest = Math.max(strongest, n);
        }
        double negligible = strongest * NEGLIGIBLE_COLUMN * NEGLIGIBLE_COLUMN;
        this.columnScale = new float[bins];
        for (int k = 0; k < bins; k++) {
            columnScale[k] = norm2[k] > negligible ? (float) (1 / Math.sqrt(norm2[k])) : 0f;
        }
        this.scaled = new float[nMels][bins];
        for (int i = 0; i < nMels; i++) {
            for (int k = start[i]; k < end[i]; k++) {
                scaled[i][k] = w[i][k] * columnScale[k];
            }
        }

        this.pseudoInverse = pseudoInverse(w);
        double lipschitz = SymmetricEigen.of(gram(scaled)).maxValue();
        this.stepSize = lipschitz > 0 ? (float) (1 / (lipschitz * 1.001)) : 0f;
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    public int iterations() {
        return iterations;
    }

    /**
     * Linear magnitudes from mel magnitudes.
     *
     * @param mel {@code [frames][nMels]}, non-negative (mel magnitudes, not log-mel)
     * @return {@code [frames][bins]}, non-negative
     */
    public float[][] invert(float[][] mel) {
        float[][] out = new float[mel.length][bins];
        Workspace ws = new Workspace(nMels, bins);
        for (int t = 0; t < mel.length; t++) {
            invertFrame(mel[t], out[t], ws);
        }
        return out;
    }

    /** {@link #invert} of {@code exp(logMel)}; see {@link LogMel} for the floor. */
    public float[][] invertLogMel(float[][] logMel) {
        return invert(LogMel.toMel(logMel));
    }

    /**
     * The baseline NNLS improves on: {@code max(0, W^+ m)} per frame, {@code [frames][bins]}.
     */
    public float[][] clippedPseudoInverse(float[][] mel) {
        float[][] out = new float[mel.length][bins];
        for (int t = 0; t < mel.length; t++) {
            checkFrame(mel[t]);
            applyPseudoInverse(mel[t], out[t]);
        }
        return out;
    }

    /** Squared residual {@code ||W x - m||^2} of one frame, for diagnostics and tests. */
    public double residual(float[] linear, float[] mel) {
        float[] projected = new float[nMels];
        filterbank.applyFrame(linear, projected);
        double sum = 0;
        for (int i = 0; i < nMels; i++) {
            double d = projected[i] - mel[i];
            sum += d * d;
        }
        return sum;
    }

    private void invertFrame(float[] m, float[] x, Workspace ws) {
        checkFrame(m);
        float[] z = ws.z;
        float[] y = ws.y;
        float[] zNext = ws.zNext;
        float[] r = ws.r;
        float[] grad = ws.grad;

        applyPseudoInverse(m, x);
        for (int k = 0; k < bins; k++) {
            z[k] = columnScale[k] > 0 ? x[k] / columnScale[k] : 0f;
        }
        double warmResidual = scaledResidual(z, m, r);
        System.arraycopy(z, 0, y, 0, bins);
        double theta = 1;
        for (int it = 0; it < iterations; it++) {
            scaledResidual(y, m, r);
            java.util.Arrays.fill(grad, 0f);
            for (int i = 0; i < nMels; i++) {
                float ri = r[i];
                float[] a = scaled[i];
                for (int k = start[i], e = end[i]; k < e; k++) {
                    grad[k] += a[k] * ri;
                }
            }
            double restartTest = 0;
            for (int k = 0; k < bins; k++) {
                float v = y[k] - stepSize * grad[k];
                zNext[k] = v > 0 ? v : 0f;
                restartTest += (double) (y[k] - zNext[k]) * (zNext[k] - z[k]);
            }
            if (restartTest > 0) {
                // Momentum is pointing uphill: drop it and continue as plain projected gradient.
                theta = 1;
                System.arraycopy(zNext, 0, y, 0, bins);
            } else {
                double thetaNext = (1 + Math.sqrt(1 + 4 * theta * theta)) / 2;
                float beta = (float) ((theta - 1) / thetaNext);
                for (int k = 0; k < bins; k++) {
                    y[k] = zNext[k] + beta * (zNext[k] - z[k]);
                }
                theta = thetaNext;
            }
            float[] swap = z;
            z = zNext;
            zNext = swap;
        }
        if (iterations > 0 && scaledResidual(z, m, r) < warmResidual) {
            for (int k = 0; k < bins; k++) {
                x[k] = z[k] * columnScale[k];
            }
        }
        // z and zNext may have swapped roles; the workspace does not care which is which.
        ws.z = z;
        ws.zNext = zNext;
    }

    /** {@code r = (W D) z - m}; returns {@code ||r||^2}. */
    private double scaledResidual(float[] z, float[] m, float[] r) {
        double sum = 0;
        for (int i = 0; i < nMels; i++) {
            float[] a = scaled[i];
            double acc = 0;
            for (int k = start[i], e = end[i]; k < e; k++) {
                acc += a[k] * z[k];
            }
            float ri = (float) (acc - m[i]);
            r[i] = ri;
            sum += (double) ri * ri;
        }
        return sum;
    }

    private void applyPseudoInverse(float[] m, float[] x) {
        unclippedPseudoInverse(m, x);
        for (int k = 0; k < bins; k++) {
            x[k] = Math.max(0f, x[k]);
        }
    }

    /** {@code x = W^+ m} without clipping; package-private for tests of the pseudo-inverse. */
    void unclippedPseudoInverse(float[] m, float[] x) {
        for (int k = 0; k < bins; k++) {
            float[] p = pseudoInverse[k];
            double acc = 0;
            for (int i = 0; i < nMels; i++) {
                acc += p[i] * m[i];
            }
            x[k] = (float) acc;
        }
    }

    private void checkFrame(float[] m) {
        if (m.length != nMels) {
            throw new IllegalArgumentException("mel frame has " + m.length + " bands, expected " + nMels);
        }
    }

    /** {@code W^+ = W^T (W W^T)^+}, {@code [bins][nMels]}. */
    private float[][] pseudoInverse(float[][] w) {
        SymmetricEigen eigen = SymmetricEigen.of(gram(w));
        double cutoff = EIGEN_CUTOFF * eigen.maxValue();
        // G+ = V diag(1/lambda) V^T over the eigenvalues above the cutoff.
        double[][] gramInverse = new double[nMels][nMels];
        for (int j = 0; j < nMels; j++) {
            double lambda = eigen.values[j];
            if (lambda <= cutoff) {
                continue;
            }
            for (int a = 0; a < nMels; a++) {
                double va = eigen.vectors[a][j] / lambda;
                for (int b = 0; b < nMels; b++) {
                    gramInverse[a][b] += va * eigen.vectors[b][j];
                }
            }
        }
        float[][] p = new float[bins][nMels];
        for (int i = 0; i < nMels; i++) {
            for (int k = start[i]; k < end[i]; k++) {
                double wik = w[i][k];
                for (int j = 0; j < nMels; j++) {
                    p[k][j] += (float) (wik * gramInverse[i][j]);
                }
            }
        }
        return p;
    }

    /** {@code A A^T} for an {@code [nMels][bins]} matrix with the band supports of this filterbank. */
    private double[][] gram(float[][] a) {
        double[][] g = new double[nMels][nMels];
        for (int i = 0; i < nMels; i++) {
            for (int j = i; j < nMels; j++) {
                int lo = Math.max(start[i], start[j]);
                int hi = Math.min(end[i], end[j]);
                double sum = 0;
                for (int k = lo; k < hi; k++) {
                    sum += (double) a[i][k] * a[j][k];
                }
                g[i][j] = sum;
                g[j][i] = sum;
            }
        }
        return g;
    }

    /** Per-call scratch so that frames allocate nothing. */
    private static final class Workspace {
        float[] z;
        float[] zNext;
        final float[] y;
        final float[] r;
        final float[] grad;

        Workspace(int nMels, int bins) {
            z = new float[bins];
            zNext = new float[bins];
            y = new float[bins];
            r = new float[nMels];
            grad = new float[bins];
        }
    }
}
