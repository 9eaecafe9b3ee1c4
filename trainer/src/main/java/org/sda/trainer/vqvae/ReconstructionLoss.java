package org.sda.trainer.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.sda.engine.dsp.MelFilterbank;

/**
 * Reconstruction loss on a predicted log-magnitude: L1 on log-mel (the predicted magnitude through
 * the engine's mel filterbank), L1 on log-magnitude, and a multi-scale spectral loss — spectral
 * convergence plus log-magnitude L1 after average pooling over time and frequency by 2 and 4
 * (coarser scales keep the overall envelope right when fine detail is out of reach). A mel decoder
 * ({@link #computeMel}) is scored on mel magnitudes instead.
 */
public final class ReconstructionLoss implements AutoCloseable {

    static final float FLOOR = 1e-5f;
    private static final int[] SCALES = {1, 2, 4};

    private final NDManager manager;
    /** [mels, bins]. */
    private final NDArray melWeights;
    private float spectralWeight = 1f;
    private float logWeight = 1f;

    public ReconstructionLoss(MelFilterbank filterbank, NDManager parent) {
        manager = parent.newSubManager();
        float[][] w = filterbank.weights();
        float[] flat = new float[w.length * w[0].length];
        for (int i = 0; i < w.length; i++) {
            System.arraycopy(w[i], 0, flat, i * w[0].length, w[0].length);
        }
        melWeights = manager.create(flat, new Shape(w.length, w[0].length));
    }

    /**
     * Reweights the terms (experiments): {@code spectral} multiplies the spectral-convergence terms,
     * {@code log} the log-domain L1 terms (mel, magnitude and pooled). Both 1 by default.
     */
    public void setWeights(float spectral, float log) {
        spectralWeight = spectral;
        logWeight = log;
    }

    /** Terms of the loss; {@link #total()} is what is minimised. */
    public record Terms(NDArray total, NDArray melL1, NDArray magnitudeL1, NDArray spectral) {
    }

    /**
     * @param predicted {@code [B, bins, T]} natural-log magnitudes
     * @param targetMagnitude {@code [B, bins, T]} natural-log magnitudes
     * @param targetMel {@code [B, mels, T]} natural-log mel magnitudes
     */
    public Terms compute(NDArray predicted, NDArray targetMagnitude, NDArray targetMel) {
        NDArray clipped = predicted.clip(-14f, 12f);
        NDArray predMag = clipped.exp();
        NDArray trueMag = targetMagnitude.exp();
        NDArray predMel = melWeights.matMul(predMag).maximum(FLOOR).log();
        NDArray melL1 = predMel.sub(targetMel).abs().mean();
        NDArray magL1 = predicted.sub(targetMagnitude).abs().mean();
        NDArray spectral = multiScale(predMag, trueMag, predicted.getShape());
        NDArray total = melL1.add(magL1).mul(logWeight).add(spectral);
        return new Terms(total, melL1, magL1, spectral);
    }

    /**
     * A mel decoder's loss: L1 on log-mel plus the multi-scale spectral terms on the mel magnitude
     * (the same terms as {@link #compute}, with mel bands in place of STFT bins). {@code magnitudeL1}
     * of the result is the log-mel L1 again (a mel decoder has no linear magnitude).
     *
     * @param predicted {@code [B, mels, T]} natural-log mel magnitudes
     * @param targetMel {@code [B, mels, T]} natural-log mel magnitudes ({@code ln(max(mel, 1e-5))})
     */
    public Terms computeMel(NDArray predicted, NDArray targetMel) {
        NDArray predMel = predicted.clip(-14f, 12f).exp();
        NDArray trueMel = targetMel.exp();
        NDArray melL1 = predicted.sub(targetMel).abs().mean();
        NDArray spectral = multiScale(predMel, trueMel, predicted.getShape());
        NDArray total = melL1.mul(logWeight).add(spectral);
        return new Terms(total, melL1, melL1, spectral);
    }

    /** Spectral convergence plus log L1 at each pooling scale, summed; {@code shape} is {@code [B, F, T]}. */
    private NDArray multiScale(NDArray predMag, NDArray trueMag, Shape shape) {
        NDArray spectral = null;
        long b = shape.get(0);
        long f = shape.get(1);
        long t = shape.get(2);
        for (int s : SCALES) {
            NDArray p = predMag;
            NDArray q = trueMag;
            if (s > 1) {
                long fs = (f / s) * s;
                long ts = (t / s) * s;
                if (ts < s) {
                    continue;
                }
                p = pool(predMag.get(new NDIndex(":, :{}, :{}", fs, ts)), b, fs, ts, s);
                q = pool(trueMag.get(new NDIndex(":, :{}, :{}", fs, ts)), b, fs, ts, s);
            }
            NDArray sc = q.sub(p).square().sum().sqrt().div(q.square().sum().sqrt().add(1e-7f));
            NDArray logL1 = p.add(FLOOR).log().sub(q.add(FLOOR).log()).abs().mean();
            NDArray term = sc.mul(spectralWeight).add(logL1.mul(logWeight));
            spectral = spectral == null ? term : spectral.add(term);
        }
        return spectral;
    }

    private static NDArray pool(NDArray x, long b, long f, long t, int s) {
        return x.reshape(b, f / s, s, t / s, s).mean(new int[] {4}).mean(new int[] {2});
    }

    @Override
    public void close() {
        manager.close();
    }
}
