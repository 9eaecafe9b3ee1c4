/**
 * ONNX export of the trained networks (graphs built directly with the ONNX protobuf classes) and
 * the {@code .sda} writer: see docs/MODEL-FORMAT.md for the interfaces these graphs implement.
 */
package org.sda.trainer.export;
