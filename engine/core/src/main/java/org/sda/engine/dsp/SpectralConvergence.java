package org.sda.engine.dsp;

/**
 * Spectral convergence between two magnitude spectrograms, in dB:
 *
 * <pre>
 *   SC = 20 log10( || |S_ref| - |S_est| ||_F / || S_ref ||_F )
 * </pre>
 *
 * the Frobenius norm of the magnitude difference relative to the reference (Sturmel and Daudet
 * 2011, "Signal reconstruction from STFT magnitude: a state of the art"; the "spectral
 * convergence" of Perraudin et al. 2013 and of the LTFAT/phaseret toolboxes). For phase
 * reconstruction, {@code S_est} is the STFT magnitude of the reconstructed signal, so the
 * measure says how consistent the result is with the requested magnitude; lower is better, and
 * 0 dB means an error as large as the signal itself.
 */
public final class SpectralConvergence {

    private SpectralConvergence() {}

    /**
     * @param reference magnitudes {@code [frames][bins]}, not all zero
     * @param estimate magnitudes of the same shape
     * @return spectral convergence in dB; {@code -Infinity} for identical inputs
     */
    public static double db(float[][] reference, float[][] estimate) {
        if (reference.length != estimate.length) {
            throw new IllegalArgumentException("frame counts differ: " + reference.length
                    + " vs " + estimate.length);
        }
        double error = 0;
        double energy = 0;
        for (int t = 0; t < reference.length; t++) {
            float[] r = reference[t];
            float[] e = estimate[t];
            if (r.length != e.length) {
                throw new IllegalArgumentException("bin counts differ in frame " + t);
            }
            for (int k = 0; k < r.length; k++) {
                double ref = Math.abs(r[k]);
                double d = ref - Math.abs(e[k]);
                error += d * d;
                energy += ref * ref;
            }
        }
        if (energy == 0) {
            throw new IllegalArgumentException("reference spectrogram is silent");
        }
        return 10 * Math.log10(error / energy);
    }
}
