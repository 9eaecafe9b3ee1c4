package org.sda.trainer.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * Residual vector quantiser with EMA codebooks (SoundStream, van den Oord et al. 2017 appendix):
 * k-means initialisation on the first batch, EMA updates of counts and sums, dead codes (EMA usage
 * below {@link VqVaeConfig#deadThreshold()}) reset to live encoder outputs, straight-through
 * gradients, commitment loss per level. Codebooks receive no gradient.
 *
 * <p>Nearest code: by cosine similarity (l2-normalised lookup) or squared Euclidean distance, as
 * the configuration says; the ONNX export uses the same rule. Not thread-safe.
 */
public final class ResidualQuantizer implements AutoCloseable {

    private static final int KMEANS_ITERATIONS = 10;

    private final VqVaeConfig config;
    private final NDManager manager;
    /** Per level: [K, D] code vectors, [K] EMA counts, [K, D] EMA sums. */
    private final NDArray[] codebooks;
    private final NDArray[] emaCounts;
    private final NDArray[] emaSums;
    private final long[][] epochCounts;
    private boolean initialised;

    public ResidualQuantizer(VqVaeConfig config, NDManager parent) {
        this.config = config;
        this.manager = parent.newSubManager();
        int l = config.levels();
        codebooks = new NDArray[l];
        emaCounts = new NDArray[l];
        emaSums = new NDArray[l];
        epochCounts = new long[l][config.codebookSize()];
        for (int i = 0; i < l; i++) {
            codebooks[i] = manager.zeros(new Shape(config.codebookSize(), config.codeDim()));
            emaCounts[i] = manager.zeros(new Shape(config.codebookSize()));
            emaSums[i] = manager.zeros(new Shape(config.codebookSize(), config.codeDim()));
        }
    }

    /** The result of quantising a batch. */
    public record Output(NDArray quantized, NDArray codes, NDArray commitmentLoss) {
    }

    public boolean initialised() {
        return initialised;
    }

    /**
     * Quantises {@code latent [B, D, T']}.
     *
     * @param train update codebooks (k-means on the first call, EMA, dead-code reset) and count usage
     * @param random draws quantiser dropout and dead-code replacements
     * @return quantised latent with straight-through gradient {@code [B, D, T']}, codes
     *     {@code [B, L, T']} int64, and the commitment loss (a scalar, before its weight)
     */
    public Output forward(NDArray latent, boolean train, RandomGenerator random) {
        Shape shape = latent.getShape();
        long b = shape.get(0);
        long t = shape.get(2);
        int d = config.codeDim();
        NDArray flat = latent.transpose(0, 2, 1).reshape(-1, d);
        if (train && !initialised) {
            kMeansInit(flat.stopGradient(), random);
        }
        int active = config.levels();
        if (train && config.quantizerDropout() > 0 && random.nextDouble() < config.quantizerDropout()) {
            active = 1 + random.nextInt(config.levels());
        }
        NDArray residual = flat;
        NDArray sum = null;
        NDArray commitment = null;
        NDArray[] codes = new NDArray[config.levels()];
        for (int l = 0; l < config.levels(); l++) {
            NDArray detached = residual.stopGradient();
            NDArray index = nearest(detached, l);
            codes[l] = index;
            if (l >= active) {
                continue;
            }
            NDArray oneHot = index.oneHot(config.codebookSize());
            NDArray q = oneHot.matMul(codebooks[l]);
            NDArray c = residual.sub(q).square().mean();
            commitment = commitment == null ? c : commitment.add(c);
            if (train) {
                update(l, detached, oneHot, random);
            }
            sum = sum == null ? q : sum.add(q);
            residual = residual.sub(q);
        }
        NDArray straight = flat.add(sum.sub(flat).stopGradient());
        NDArray quantized = straight.reshape(b, t, d).transpose(0, 2, 1);
        NDArray codeGrid = NDArrays_stack(codes).reshape(config.levels(), b, t).transpose(1, 0, 2);
        return new Output(quantized, codeGrid, commitment);
    }

    private static NDArray NDArrays_stack(NDArray[] arrays) {
        return ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(arrays));
    }

    /** Index of the nearest code of level {@code l} for each row of {@code x [N, D]}: {@code [N]} int64. */
    NDArray nearest(NDArray x, int l) {
        NDArray book = codebooks[l];
        if (config.cosineLookup()) {
            NDArray normalised = book.div(book.norm(new int[] {1}, true).maximum(1e-8f));
            return x.matMul(normalised.transpose()).argMax(1);
        }
        NDArray bookNorm = book.square().sum(new int[] {1});
        return bookNorm.sub(x.matMul(book.transpose()).mul(2)).argMin(1);
    }

    private void update(int l, NDArray x, NDArray oneHot, RandomGenerator random) {
        float decay = (float) config.emaDecay();
        NDArray counts = oneHot.sum(new int[] {0});
        NDArray sums = oneHot.transpose().matMul(x);
        emaCounts[l].muli(decay).addi(counts.mul(1 - decay));
        emaSums[l].muli(decay).addi(sums.mul(1 - decay));
        float[] used = counts.toFloatArray();
        for (int k = 0; k < used.length; k++) {
            epochCounts[l][k] += Math.round(used[k]);
        }
        float[] ema = emaCounts[l].toFloatArray();
        float[] sumValues = emaSums[l].toFloatArray();
        float[] rows = null;
        int n = (int) x.getShape().get(0);
        int d = config.codeDim();
        float threshold = (float) config.deadThreshold();
        boolean reset = false;
        for (int k = 0; k < ema.length; k++) {
            if (ema[k] < threshold) {
                if (rows == null) {
                    rows = x.toFloatArray();
                }
                int pick = random.nextInt(n);
                float grace = 2 * threshold;
                ema[k] = grace;
                for (int j = 0; j < d; j++) {
                    sumValues[k * d + j] = rows[pick * d + j] * grace;
                }
                reset = true;
            }
        }
        if (reset) {
            emaCounts[l].set(ema);
            emaSums[l].set(sumValues);
        }
        float[] book = new float[ema.length * d];
        for (int k = 0; k < ema.length; k++) {
            float count = Math.max(ema[k], 1e-5f);
            for (int j = 0; j < d; j++) {
                book[k * d + j] = sumValues[k * d + j] / count;
            }
        }
        codebooks[l].set(book);
    }

    /** Level by level: k-means on the residual left by the levels before. */
    private void kMeansInit(NDArray flat, RandomGenerator random) {
        int n = (int) flat.getShape().get(0);
        int d = config.codeDim();
        int k = config.codebookSize();
        float[] residual = flat.toFloatArray();
        for (int l = 0; l < config.levels(); l++) {
            float[] centres = new float[k * d];
            for (int c = 0; c < k; c++) {
                int pick = random.nextInt(n);
                System.arraycopy(residual, pick * d, centres, c * d, d);
            }
            int[] assign = new int[n];
            for (int it = 0; it < KMEANS_ITERATIONS; it++) {
                codebooks[l].set(centres);
                long[] idx;
                try (NDArray x = manager.create(residual, new Shape(n, d)); NDArray near = nearest(x, l)) {
                    idx = near.toLongArray();
                }
                float[] sums = new float[k * d];
                int[] counts = new int[k];
                for (int i = 0; i < n; i++) {
                    int c = (int) idx[i];
                    assign[i] = c;
                    counts[c]++;
                    for (int j = 0; j < d; j++) {
                        sums[c * d + j] += residual[i * d + j];
                    }
                }
                for (int c = 0; c < k; c++) {
                    if (counts[c] == 0) {
                        int pick = random.nextInt(n);
                        System.arraycopy(residual, pick * d, centres, c * d, d);
                    } else {
                        for (int j = 0; j < d; j++) {
                            centres[c * d + j] = sums[c * d + j] / counts[c];
                        }
                    }
                }
            }
            codebooks[l].set(centres);
            // EMA state consistent with the centres: each code counts as used at the mean rate.
            float rate = Math.max((float) n / k, 2 * (float) config.deadThreshold());
            float[] ema = new float[k];
            float[] sums = new float[k * d];
            for (int c = 0; c < k; c++) {
                ema[c] = rate;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] = centres[c * d + j] * rate;
                }
            }
            emaCounts[l].set(ema);
            emaSums[l].set(sums);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    residual[i * d + j] -= centres[assign[i] * d + j];
                }
            }
        }
        initialised = true;
    }

    /** Codebooks as {@code [levels][K][D]}, the layout of {@code codebooks.bin}. */
    public float[][][] codebookArrays() {
        float[][][] out = new float[config.levels()][config.codebookSize()][];
        for (int l = 0; l < config.levels(); l++) {
            float[] flat = codebooks[l].toFloatArray();
            for (int k = 0; k < config.codebookSize(); k++) {
                out[l][k] = java.util.Arrays.copyOfRange(flat, k * config.codeDim(), (k + 1) * config.codeDim());
            }
        }
        return out;
    }

    /** EMA usage per level {@code [levels][K]}. */
    public float[][] emaUsage() {
        float[][] out = new float[config.levels()][];
        for (int l = 0; l < config.levels(); l++) {
            out[l] = emaCounts[l].toFloatArray();
        }
        return out;
    }

    /** Codes used per level since the last {@link #takeEpochCounts()}. */
    public long[][] takeEpochCounts() {
        long[][] out = new long[epochCounts.length][];
        for (int l = 0; l < epochCounts.length; l++) {
            out[l] = epochCounts[l].clone();
            java.util.Arrays.fill(epochCounts[l], 0);
        }
        return out;
    }

    /** State for checkpoints: per level codebook, EMA counts, EMA sums. */
    public NDArray[] state() {
        NDArray[] out = new NDArray[3 * config.levels()];
        for (int l = 0; l < config.levels(); l++) {
            out[3 * l] = codebooks[l];
            out[3 * l + 1] = emaCounts[l];
            out[3 * l + 2] = emaSums[l];
        }
        return out;
    }

    /** Marks the codebooks as initialised after restoring {@link #state()} from a checkpoint. */
    public void markInitialised() {
        initialised = true;
    }

    @Override
    public void close() {
        manager.close();
    }
}
