/**
 * Running a model: the encoder, quantiser and decoder graphs of a {@code .sda} file in ONNX
 * Runtime (through DJL), the codebook lookup, and the pipelines built on them such as
 * reconstruction (audio → codes → audio). Arrays at this API are frame-major, {@code [frames][features]},
 * as elsewhere in the engine; the graphs themselves take {@code [B, C, T]}.
 */
package org.sda.engine.inference;
