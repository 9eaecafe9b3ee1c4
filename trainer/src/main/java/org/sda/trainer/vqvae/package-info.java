/**
 * The convolutional RVQ-VAE over log-mel frames and its training: {@link org.sda.trainer.vqvae.ConvVqVae}
 * (encoder and decoder as plain DJL arrays), {@link org.sda.trainer.vqvae.ResidualQuantizer} (EMA
 * codebooks, k-means initialisation, dead-code reset), {@link org.sda.trainer.vqvae.ReconstructionLoss},
 * {@link org.sda.trainer.optim.AdamW}, {@link org.sda.trainer.vqvae.VqVaeTrainer} (the loop, early
 * stopping, checkpoints) and {@link org.sda.trainer.vqvae.CodebookHealth}. Tensor shapes are written
 * {@code [B, C, T]}. Everything here runs on the one training thread unless a method says otherwise.
 */
package org.sda.trainer.vqvae;
