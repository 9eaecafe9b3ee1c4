package org.sda.trainer.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv1dTranspose;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The convolutional encoder and decoder of the RVQ-VAE, as plain DJL arrays (no blocks), so the
 * same weights drive training and the hand-built ONNX graphs.
 *
 * <p>Encoder: {@code log_mel [B, mels, T]} → per-band normalisation → conv k3 → strided conv
 * (downsample) → 2 dilated residual blocks → conv k1 → {@code latent [B, D, T/ds]}. Decoder:
 * {@code latent} → conv k3 → 2 residual blocks → repeat each frame ds times → conv k3 → conv k3 → conv k1
 * → {@code log_magnitude [B, bins, T]} (a mel decoder: {@code [B, mels, T]}, natural-log mel magnitudes). LeakyReLU(0.2) between layers. Residual block:
 * {@code x + conv1(lrelu(conv3_dilated(lrelu(x))))}. A {@link VqVaeConfig#CONVNEXT} decoder is
 * {@link ConvNextDecoder} instead, with the same input and output.
 *
 * <p>Not thread-safe: one training thread owns it.
 */
public final class ConvVqVae implements AutoCloseable {

    public static final float SLOPE = 0.2f;
    public static final int[] DILATIONS = {1, 3};

    private final VqVaeConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final List<ConvSpec> encoderConvs = new ArrayList<>();
    private final List<ConvSpec> decoderConvs = new ArrayList<>();
    /** The ConvNeXt decoder's layout; null for the residual-conv decoder. */
    private final ConvNextDecoder convNext;
    /** [1, mels, 1]: subtracted from the log-mel input. */
    private final NDArray melMean;
    /** [1, mels, 1]: multiplies the centred input. */
    private final NDArray melScale;

    public ConvVqVae(VqVaeConfig config, NDManager parent, RandomGenerator random) {
        this.config = config;
        this.manager = parent.newSubManager();
        int h = config.hidden();
        int ds = config.downsample();
        encoderConvs.add(ConvSpec.conv("enc.in", config.melBands(), h, 3, 1));
        encoderConvs.add(ds == 1 ? ConvSpec.conv("enc.down", h, h, 3, 1)
                : new ConvSpec("enc.down", h, h, 2 * ds, ds, ds / 2, 1, false));
        for (int i = 0; i < DILATIONS.length; i++) {
            encoderConvs.add(ConvSpec.conv("enc.res" + i + ".a", h, h, 3, DILATIONS[i]));
            encoderConvs.add(ConvSpec.conv("enc.res" + i + ".b", h, h, 1, 1));
        }
        encoderConvs.add(ConvSpec.conv("enc.out", h, config.codeDim(), 1, 1));

        if (config.convNextDecoder()) {
            convNext = new ConvNextDecoder(config);
            decoderConvs.addAll(convNext.convs());
        } else {
            convNext = null;
            decoderConvs.add(ConvSpec.conv("dec.in", config.codeDim(), h, 3, 1));
            for (int i = 0; i < DILATIONS.length; i++) {
                decoderConvs.add(ConvSpec.conv("dec.res" + i + ".a", h, h, 3, DILATIONS[i]));
                decoderConvs.add(ConvSpec.conv("dec.res" + i + ".b", h, h, 1, 1));
            }
            decoderConvs.add(ConvSpec.conv("dec.up", h, h, 3, 1));
            decoderConvs.add(ConvSpec.conv("dec.post", h, h, 3, 1));
            decoderConvs.add(ConvSpec.conv("dec.out", h, config.outputChannels(), 1, 1));
        }

        for (ConvSpec spec : allConvs()) {
            double bound = Math.sqrt(6.0 / ((1 + SLOPE * SLOPE) * spec.fanIn()));
            if (spec.name().endsWith(".b")) {
                bound *= 0.1; // residual branches start near identity
            } else if (spec.name().equals("dec.out") || spec.name().equals("enc.out")) {
                bound *= 0.3;
            }
            params.put(spec.name() + ".weight", uniform(new Shape(spec.weightShape()), bound, random));
            params.put(spec.name() + ".bias", manager.zeros(new Shape(spec.out())));
        }
        if (convNext != null) {
            for (Map.Entry<String, float[]> e : convNext.extraParameters().entrySet()) {
                float[] v = e.getValue();
                params.put(e.getKey(), manager.create(v, new Shape(v.length)));
            }
        }
        melMean = manager.zeros(new Shape(1, config.melBands(), 1));
        melScale = manager.ones(new Shape(1, config.melBands(), 1));
        for (NDArray p : params.values()) {
            p.setRequiresGradient(true);
        }
    }

    private NDArray uniform(Shape shape, double bound, RandomGenerator random) {
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return manager.create(values, shape);
    }

    public VqVaeConfig config() {
        return config;
    }

    /** Trainable parameters in a fixed order (name → array); the arrays require gradients. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    public List<ConvSpec> encoderConvs() {
        return List.copyOf(encoderConvs);
    }

    public List<ConvSpec> decoderConvs() {
        return List.copyOf(decoderConvs);
    }

    public List<ConvSpec> allConvs() {
        List<ConvSpec> all = new ArrayList<>(encoderConvs);
        all.addAll(decoderConvs);
        return all;
    }

    public NDArray melMean() {
        return melMean;
    }

    public NDArray melScale() {
        return melScale;
    }

    /** Sets the input normalisation ({@code mean} and {@code scale} per mel band) from the training data. */
    public void setInputNormalisation(float[] mean, float[] scale) {
        melMean.set(mean);
        melScale.set(scale);
    }

    /** Sets the output layer's bias, e.g. to the mean log-magnitude per bin. */
    public void setOutputBias(float[] bias) {
        params.get("dec.out.bias").set(bias);
    }

    /** {@code [B, mels, T]} → {@code [B, codeDim, T / downsample]}. */
    public NDArray encode(NDArray logMel) {
        NDArray x = logMel.sub(melMean).mul(melScale);
        x = Activation.leakyRelu(conv(x, encoderConvs.get(0)), SLOPE);
        x = Activation.leakyRelu(conv(x, encoderConvs.get(1)), SLOPE);
        int i = 2;
        for (int r = 0; r < DILATIONS.length; r++) {
            x = residual(x, encoderConvs.get(i++), encoderConvs.get(i++));
        }
        return conv(Activation.leakyRelu(x, SLOPE), encoderConvs.get(i));
    }

    /**
     * {@code [B, codeDim, T']} → {@code [B, bins, T' * downsample]} natural-log magnitudes (a mel decoder:
     * {@code [B, mels, T' * downsample]} natural-log mel magnitudes).
     */
    public NDArray decode(NDArray latent) {
        if (convNext != null) {
            return convNext.forward(latent, params, this::upsample);
        }
        NDArray x = conv(latent, decoderConvs.get(0));
        int i = 1;
        for (int r = 0; r < DILATIONS.length; r++) {
            x = residual(x, decoderConvs.get(i++), decoderConvs.get(i++));
        }
        x = Activation.leakyRelu(conv(upsample(Activation.leakyRelu(x, SLOPE)), decoderConvs.get(i++)), SLOPE);
        x = Activation.leakyRelu(conv(x, decoderConvs.get(i++)), SLOPE);
        return conv(x, decoderConvs.get(i));
    }

    /** Repeats each frame {@code downsample} times: {@code [B, C, T']} → {@code [B, C, T' * ds]}. */
    NDArray upsample(NDArray x) {
        int ds = config.downsample();
        if (ds == 1) {
            return x;
        }
        Shape s = x.getShape();
        return x.expandDims(3).broadcast(new Shape(s.get(0), s.get(1), s.get(2), ds))
                .reshape(s.get(0), s.get(1), s.get(2) * ds);
    }

    private NDArray residual(NDArray x, ConvSpec a, ConvSpec b) {
        NDArray y = conv(Activation.leakyRelu(x, SLOPE), a);
        y = conv(Activation.leakyRelu(y, SLOPE), b);
        return x.add(y);
    }

    private NDArray conv(NDArray x, ConvSpec spec) {
        return conv(x, spec, params);
    }

    /** {@code spec} applied to {@code x [B, in, T]} with the weights in {@code params}. */
    static NDArray conv(NDArray x, ConvSpec spec, Map<String, NDArray> params) {
        NDArray w = params.get(spec.name() + ".weight");
        NDArray b = params.get(spec.name() + ".bias");
        if (spec.transposed()) {
            return Conv1dTranspose.conv1dTranspose(x, w, b, new Shape(spec.stride()), new Shape(spec.padding()),
                    new Shape(0), new Shape(spec.dilation()), 1).singletonOrThrow();
        }
        return Conv1d.conv1d(x, w, b, new Shape(spec.stride()), new Shape(spec.padding()),
                new Shape(spec.dilation()), spec.groups()).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
