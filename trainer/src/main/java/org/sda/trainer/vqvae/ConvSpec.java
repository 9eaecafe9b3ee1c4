package org.sda.trainer.vqvae;

/**
 * One 1-D convolution of the network, as both the DJL forward pass and the ONNX export see it.
 * Weights are {@code [out, in, kernel]} for a convolution and {@code [in, out, kernel]} for a
 * transposed one (PyTorch and ONNX agree on both).
 */
public record ConvSpec(String name, int in, int out, int kernel, int stride, int padding, int dilation,
                       boolean transposed) {

    public static ConvSpec conv(String name, int in, int out, int kernel, int dilation) {
        return new ConvSpec(name, in, out, kernel, 1, dilation * (kernel - 1) / 2, dilation, false);
    }

    public long[] weightShape() {
        return transposed ? new long[] {in, out, kernel} : new long[] {out, in, kernel};
    }

    public int fanIn() {
        return in * kernel;
    }
}
