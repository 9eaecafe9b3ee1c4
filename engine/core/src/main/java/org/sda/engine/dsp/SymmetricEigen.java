package org.sda.engine.dsp;

/**
 * Eigen-decomposition {@code A = V diag(values) V^T} of a small dense symmetric matrix by the
 * cyclic Jacobi method (Golub and Van Loan, "Matrix Computations", 4th ed., section 8.5).
 *
 * <p>Used once per {@link MelInverter} on the {@code nMels x nMels} Gram matrix of the
 * filterbank, where its robustness with the exactly singular matrices that empty mel bands
 * produce matters more than speed (about 10 sweeps of {@code n^3} work for n = 128, tens of
 * milliseconds), and for the covariance of a model's latent in the control-axis analysis.
 * Not meant for large matrices.
 */
public final class SymmetricEigen {

    /** Eigenvalues, in no particular order. */
    public final double[] values;
    /** Eigenvectors as columns: {@code vectors[row][j]} is component {@code row} of vector j. */
    public final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code a} ({@code n x n}, symmetric; not modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += m[p][p] * m[p][p];
                for (int q = p + 1; q < n; q++) {
                    off += m[p][q] * m[p][q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** One Jacobi rotation zeroing {@code m[p][q]}, accumulated into {@code v}. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        // The smaller root of t^2 + 2 theta t - 1 = 0 keeps the rotation angle below pi/4.
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    /** Largest eigenvalue. */
    double maxValue() {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : values) {
            max = Math.max(max, x);
        }
        return max;
    }
}
