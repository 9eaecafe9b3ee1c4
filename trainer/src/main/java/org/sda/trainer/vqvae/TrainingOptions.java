package org.sda.trainer.vqvae;

import java.nio.file.Path;

/**
 * How long and how to train.
 *
 * @param epochs most epochs
 * @param maxMinutes wall-clock budget of this session; training stops at the end of the step that
 *     crosses it
 * @param maxSteps stop after this global step count (0: no limit); tests use it to cut training short
 * @param batchSize crops per step
 * @param frames STFT frames per crop (a multiple of the downsample factor)
 * @param learningRate AdamW learning rate
 * @param patience epochs without validation improvement before early stopping
 * @param checkpoint where resumable state is written (atomically); null for none
 */
public record TrainingOptions(int epochs, double maxMinutes, long maxSteps, long seed, int batchSize, int frames,
                              float learningRate, float weightDecay, float clipNorm, int patience,
                              Path checkpoint) {

    public TrainingOptions {
        if (epochs < 1 || !(maxMinutes > 0) || batchSize < 1 || frames < 8 || patience < 1 || maxSteps < 0) {
            throw new IllegalArgumentException("bad training options");
        }
    }

    /**
     * 400 epochs at most, 6 minutes (the default budget up to 100 sounds), batch 16 × 64 frames
     * (0.37 s), lr 1e-3, patience 25 epochs.
     */
    public static TrainingOptions defaults() {
        return new TrainingOptions(400, 6.0, 0, 0, 16, 64, 1e-3f, 1e-4f, 1.0f, 25, null);
    }

    public TrainingOptions withEpochs(int n) {
        return new TrainingOptions(n, maxMinutes, maxSteps, seed, batchSize, frames, learningRate, weightDecay,
                clipNorm, patience, checkpoint);
    }

    public TrainingOptions withMaxMinutes(double m) {
        return new TrainingOptions(epochs, m, maxSteps, seed, batchSize, frames, learningRate, weightDecay,
                clipNorm, patience, checkpoint);
    }

    public TrainingOptions withMaxSteps(long n) {
        return new TrainingOptions(epochs, maxMinutes, n, seed, batchSize, frames, learningRate, weightDecay,
                clipNorm, patience, checkpoint);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(epochs, maxMinutes, maxSteps, s, batchSize, frames, learningRate, weightDecay,
                clipNorm, patience, checkpoint);
    }

    public TrainingOptions withBatch(int size, int cropFrames) {
        return new TrainingOptions(epochs, maxMinutes, maxSteps, seed, size, cropFrames, learningRate, weightDecay,
                clipNorm, patience, checkpoint);
    }

    public TrainingOptions withLearningRate(float lr) {
        return new TrainingOptions(epochs, maxMinutes, maxSteps, seed, batchSize, frames, lr, weightDecay,
                clipNorm, patience, checkpoint);
    }

    public TrainingOptions withCheckpoint(Path file) {
        return new TrainingOptions(epochs, maxMinutes, maxSteps, seed, batchSize, frames, learningRate, weightDecay,
                clipNorm, patience, file);
    }
}
