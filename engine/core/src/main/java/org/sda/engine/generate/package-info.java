/**
 * Generation of new sounds from a model's prior: the prior's single-step ONNX graph with its
 * key/value cache ({@link org.sda.engine.generate.PriorRuntime}), seeded sampling with temperature,
 * top-k and top-p ({@link org.sda.engine.generate.TokenSampler}), windowed continuation past the
 * prior's context ({@link org.sda.engine.generate.CodeGenerator}), decoding of code chunks to audio
 * ({@link org.sda.engine.generate.ChunkDecoder}) joined by overlap-add crossfades, and the public
 * entry point {@link org.sda.engine.generate.Generator}. Also the measures of novelty that training
 * and the benchmarks share ({@link org.sda.engine.generate.CopyRate}).
 */
package org.sda.engine.generate;
