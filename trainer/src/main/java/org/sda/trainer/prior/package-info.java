/**
 * The autoregressive prior over a trained RVQ-VAE's frozen codes: the code corpus
 * ({@link org.sda.trainer.prior.CodeCorpus}), a small causal transformer and a GRU
 * ({@link org.sda.trainer.prior.TransformerPrior}, {@link org.sda.trainer.prior.GruPrior}) written
 * as plain DJL arrays so the same weights drive training and the hand-built ONNX step graph, and
 * the training loop ({@link org.sda.trainer.prior.PriorTrainer}). Token order and layout come from
 * the engine's {@link org.sda.engine.generate.TokenLayout}, which generation uses too.
 */
package org.sda.trainer.prior;
