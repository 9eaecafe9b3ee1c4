package org.sda.trainer.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The layout and forward pass of the {@link VqVaeConfig#CONVNEXT} decoder: ConvNeXt blocks as
 * Vocos (Siuzdak 2023) uses them for a spectrogram decoder, in 1-D over frames.
 *
 * <pre>
 * latent [B, D, T'] → conv k3 (dec.in) → LayerNorm (dec.norm0)
 *   → {@value #CODE_RATE_BLOCKS} blocks at the code rate → repeat each frame downsample times
 *   → {@value #FRAME_RATE_BLOCKS} block(s) at the STFT frame rate → LayerNorm (dec.normF)
 *   → conv k1 (dec.out) → log_magnitude [B, bins, T]
 * block(x) = x + gamma · pw2(gelu(pw1(LayerNorm(dwconv_k7(x)))))
 * </pre>
 *
 * LayerNorm normalises each frame over the channels (axis 1) with a learned scale and shift;
 * {@code pw1} widens to {@value #EXPANSION}× the channels; {@code gamma} is a learned per-channel
 * layer scale that starts at 1 / blocks. GELU is the exact (erf) form.
 *
 * <p>The parameters live in the {@link ConvVqVae}'s map under the names {@link #convs()} and
 * {@link #extraParameters()} give; {@code OnnxExporter} builds the same graph from them.
 */
public final class ConvNextDecoder {

    public static final int CODE_RATE_BLOCKS = 3;
    public static final int FRAME_RATE_BLOCKS = 1;
    public static final int EXPANSION = 3;
    public static final int KERNEL = 7;
    public static final float EPSILON = 1e-5f;

    private final VqVaeConfig config;
    private final List<ConvSpec> convs = new ArrayList<>();

    public ConvNextDecoder(VqVaeConfig config) {
        this.config = config;
        int h = config.hidden();
        convs.add(ConvSpec.conv("dec.in", config.codeDim(), h, 3, 1));
        for (int i = 0; i < blocks(); i++) {
            convs.add(ConvSpec.depthwise(block(i) + ".dw", h, KERNEL));
            convs.add(ConvSpec.conv(block(i) + ".pw1", h, EXPANSION * h, 1, 1));
            convs.add(ConvSpec.conv(block(i) + ".pw2", EXPANSION * h, h, 1, 1));
        }
        convs.add(ConvSpec.conv("dec.out", h, config.outputChannels(), 1, 1));
    }

    public static int blocks() {
        return CODE_RATE_BLOCKS + FRAME_RATE_BLOCKS;
    }

    /** Parameter name prefix of block {@code i}. */
    public static String block(int i) {
        return "dec.cnx" + i;
    }

    /** The convolutions, in forward order. */
    public List<ConvSpec> convs() {
        return List.copyOf(convs);
    }

    /** The LayerNorm scales and shifts and the layer scales, with their initial values ({@code [hidden]} each). */
    public Map<String, float[]> extraParameters() {
        int h = config.hidden();
        Map<String, float[]> out = new LinkedHashMap<>();
        putNorm(out, "dec.norm0", h);
        for (int i = 0; i < blocks(); i++) {
            putNorm(out, block(i) + ".norm", h);
            float[] gamma = new float[h];
            Arrays.fill(gamma, 1f / blocks());
            out.put(block(i) + ".gamma", gamma);
        }
        putNorm(out, "dec.normF", h);
        return out;
    }

    private static void putNorm(Map<String, float[]> out, String name, int h) {
        float[] ones = new float[h];
        Arrays.fill(ones, 1f);
        out.put(name + ".weight", ones);
        out.put(name + ".bias", new float[h]);
    }

    /**
     * {@code latent [B, codeDim, T']} → {@code [B, outputChannels, T' * downsample]}.
     *
     * @param upsample repeats each frame {@code downsample} times
     */
    NDArray forward(NDArray latent, Map<String, NDArray> p, UnaryOperator<NDArray> upsample) {
        NDArray x = layerNorm(ConvVqVae.conv(latent, convs.get(0), p), p, "dec.norm0");
        for (int i = 0; i < blocks(); i++) {
            if (i == CODE_RATE_BLOCKS) {
                x = upsample.apply(x);
            }
            x = block(x, i, p);
        }
        if (blocks() == CODE_RATE_BLOCKS) {
            x = upsample.apply(x);
        }
        return ConvVqVae.conv(layerNorm(x, p, "dec.normF"), convs.get(convs.size() - 1), p);
    }

    private NDArray block(NDArray x, int i, Map<String, NDArray> p) {
        int c = 1 + 3 * i;
        NDArray y = ConvVqVae.conv(x, convs.get(c), p);
        y = layerNorm(y, p, block(i) + ".norm");
        y = Activation.gelu(ConvVqVae.conv(y, convs.get(c + 1), p));
        y = ConvVqVae.conv(y, convs.get(c + 2), p);
        return x.add(y.mul(channels(p.get(block(i) + ".gamma"))));
    }

    /** LayerNorm over the channels of {@code x [B, C, T]}, frame by frame. */
    static NDArray layerNorm(NDArray x, Map<String, NDArray> p, String name) {
        NDArray centred = x.sub(x.mean(new int[] {1}, true));
        NDArray variance = centred.square().mean(new int[] {1}, true);
        NDArray y = centred.div(variance.add(EPSILON).sqrt());
        return y.mul(channels(p.get(name + ".weight"))).add(channels(p.get(name + ".bias")));
    }

    /** {@code [C]} → {@code [1, C, 1]}, to broadcast over batch and frames. */
    private static NDArray channels(NDArray v) {
        return v.reshape(1, v.getShape().get(0), 1);
    }
}
