package org.sda.trainer.vqvae;

/**
 * One 1-D convolution of the network, as both the DJL forward pass and the ONNX export see it.
 * Weights are {@code [out, in / groups, kernel]} for a convolution and {@code [in, out, kernel]}
 * for a transposed one (PyTorch and ONNX agree on both).
 *
 * @param groups channel groups: 1 for a dense convolution, {@code in} for a depthwise one
 */
public record ConvSpec(String name, int in, int out, int kernel, int stride, int padding, int dilation,
                       boolean transposed, int groups) {

    public ConvSpec {
        if (groups < 1 || in % groups != 0 || out % groups != 0 || (transposed && groups != 1)) {
            throw new IllegalArgumentException(name + ": bad groups " + groups + " for " + in + " → " + out);
        }
    }

    /** A dense convolution or transposed convolution. */
    public ConvSpec(String name, int in, int out, int kernel, int stride, int padding, int dilation,
                    boolean transposed) {
        this(name, in, out, kernel, stride, padding, dilation, transposed, 1);
    }

    /** A dense, length-preserving convolution (odd {@code kernel}). */
    public static ConvSpec conv(String name, int in, int out, int kernel, int dilation) {
        return new ConvSpec(name, in, out, kernel, 1, dilation * (kernel - 1) / 2, dilation, false);
    }

    /** A depthwise, length-preserving convolution: each channel filtered on its own (ConvNeXt). */
    public static ConvSpec depthwise(String name, int channels, int kernel) {
        return new ConvSpec(name, channels, channels, kernel, 1, (kernel - 1) / 2, 1, false, channels);
    }

    public long[] weightShape() {
        return transposed ? new long[] {in, out, kernel} : new long[] {out, in / groups, kernel};
    }

    public int fanIn() {
        return in / groups * kernel;
    }
}
