package org.sda.trainer.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.sda.trainer.vqvae.TrainingOptions;
import org.sda.trainer.vqvae.VqVaeConfig;

/**
 * What to train as the RVQ-VAE, and where to write it.
 *
 * @param inputs audio files and folders
 * @param output the model file ({@code .sda}); its checkpoint is {@code output + ".ckpt"}
 * @param codebookSize codes per level; {@code null} for the dataset's suggestion (64, 128 or 256)
 * @param maxMinutes the session's time budget; NaN for the default of the set's size ({@link TrainingBudget})
 * @param resume continue from the checkpoint beside {@code output}
 * @param recordSources keep the dataset's location in the manifest (off for models shipped to others)
 * @param detailMemory keep what the decoder leaves out of the training sounds in the model (the engine's
 *     {@code DetailMemory})
 * @param decoder the decoder's architecture
 * @param evaluate measure reconstruction on up to this many training clips afterwards (0: off)
 * @param experiment the experimenters' knobs (loss weights, decay, a quantiser bypass)
 */
public record VqVaeRequest(List<Path> inputs, Path output, Integer codebookSize, int levels, double commitmentWeight,
                           int codeDim, int downsample, int hidden, Lookup lookup, DecoderOutput decoderOutput,
                           Decoder decoder, double quantizerDropout, int epochs, double maxMinutes, long maxSteps,
                           int batchSize, int cropFrames, float learningRate, long seed, boolean resume, boolean noCache,
                           boolean recordSources, boolean detailMemory, int evaluate, Experiment experiment) {

    public VqVaeRequest {
        inputs = List.copyOf(inputs);
    }

    /**
     * Knobs for experiments, not for users.
     *
     * @param spectralWeight weight of the spectral-convergence loss terms
     * @param logWeight weight of the log-domain L1 loss terms
     * @param lrFinal the final learning rate as a fraction of the first (cosine decay over the budget)
     * @param bypassQuantizer decode the continuous latent (no codes); writes no model
     */
    public record Experiment(float spectralWeight, float logWeight, double lrFinal, boolean bypassQuantizer) {
        public static final Experiment NONE = new Experiment(1f, 1f, 0.05, false);
    }

    /** Where a resumable state is kept. */
    public Path checkpoint() {
        return output.resolveSibling(output.getFileName() + ".ckpt");
    }

    /** The network for a codebook of {@code k} codes per level. */
    VqVaeConfig config(int k) {
        return VqVaeConfig.defaults(k).withLevels(levels).withCommitmentWeight(commitmentWeight)
                .withShape(hidden, codeDim, downsample).withLookup(lookup == Lookup.COSINE)
                .withQuantizerDropout(quantizerDropout).withDecoderOutput(decoderOutput.manifestName())
                .withDecoder(decoder.manifestName());
    }

    /** @param budgetMinutes {@link #maxMinutes}, or the default for the set where that is NaN */
    TrainingOptions options(double budgetMinutes) {
        return TrainingOptions.defaults().withEpochs(epochs).withMaxMinutes(budgetMinutes).withMaxSteps(maxSteps)
                .withSeed(seed).withBatch(batchSize, cropFrames).withLearningRate(learningRate)
                .withCheckpoint(checkpoint());
    }
}
