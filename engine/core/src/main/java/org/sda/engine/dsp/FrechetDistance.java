package org.sda.engine.dsp;

import java.util.List;

/**
 * The Fréchet distance between two sets of feature frames, each summarised as a Gaussian (mean
 * and covariance over all its frames), as FID/FAD do with network embeddings; here the frames are
 * log-mel spectra, so it compares the spectral statistics of two collections of sounds:
 *
 * <pre>
 *   d² = |μ₁ - μ₂|² + tr(Σ₁ + Σ₂ - 2 (Σ₁ Σ₂)^½)
 * </pre>
 *
 * with {@code tr (Σ₁ Σ₂)^½} computed as the sum of square roots of the eigenvalues of the symmetric
 * {@code Σ₁^½ Σ₂ Σ₁^½}. Returned as {@code d²} (the usual convention). Stateless.
 */
public final class FrechetDistance {

    /** A set's frame statistics: mean {@code [n]} and covariance {@code [n][n]} over {@code frames} frames. */
    public record Statistics(double[] mean, double[][] covariance, long frames) {
    }

    private FrechetDistance() {
    }

    /** Statistics of all frames of all clips, each clip {@code [frames][n]}. */
    public static Statistics statistics(List<float[][]> clips) {
        int n = -1;
        long count = 0;
        for (float[][] clip : clips) {
            for (float[] frame : clip) {
                if (n < 0) {
                    n = frame.length;
                } else if (frame.length != n) {
                    throw new IllegalArgumentException("frames of " + frame.length + " and " + n + " values");
                }
                count++;
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("need at least 2 frames, got " + count);
        }
        double[] mean = new double[n];
        for (float[][] clip : clips) {
            for (float[] frame : clip) {
                for (int i = 0; i < n; i++) {
                    mean[i] += frame[i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= count;
        }
        double[][] cov = new double[n][n];
        double[] centred = new double[n];
        for (float[][] clip : clips) {
            for (float[] frame : clip) {
                for (int i = 0; i < n; i++) {
                    centred[i] = frame[i] - mean[i];
                }
                for (int i = 0; i < n; i++) {
                    double ci = centred[i];
                    double[] row = cov[i];
                    for (int j = i; j < n; j++) {
                        row[j] += ci * centred[j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                cov[i][j] /= count - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return new Statistics(mean, cov, count);
    }

    /** {@code d²} between two sets' statistics. */
    public static double distance(Statistics a, Statistics b) {
        int n = a.mean().length;
        if (b.mean().length != n) {
            throw new IllegalArgumentException("statistics of " + n + " and " + b.mean().length + " dimensions");
        }
        double meanTerm = 0;
        for (int i = 0; i < n; i++) {
            double d = a.mean()[i] - b.mean()[i];
            meanTerm += d * d;
        }
        double[][] rootA = sqrtm(a.covariance());
        double[][] product = multiply(multiply(rootA, b.covariance()), rootA);
        symmetrise(product);
        double crossTrace = 0;
        for (double v : SymmetricEigen.of(product).values) {
            crossTrace += Math.sqrt(Math.max(0, v));
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a.covariance()[i][i] + b.covariance()[i][i];
        }
        return meanTerm + trace - 2 * crossTrace;
    }

    /** Square root of a symmetric positive semi-definite matrix (negative eigenvalues from rounding count as 0). */
    static double[][] sqrtm(double[][] m) {
        SymmetricEigen e = SymmetricEigen.of(m);
        int n = m.length;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double root = Math.sqrt(Math.max(0, e.values[k]));
            if (root == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double vik = e.vectors[i][k] * root;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vik * e.vectors[j][k];
                }
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                double[] bk = b[k];
                double[] oi = out[i];
                for (int j = 0; j < n; j++) {
                    oi[j] += aik * bk[j];
                }
            }
        }
        return out;
    }

    private static void symmetrise(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double v = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = v;
                m[j][i] = v;
            }
        }
    }
}
