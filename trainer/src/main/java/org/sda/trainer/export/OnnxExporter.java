package org.sda.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Map;
import org.sda.engine.model.OnnxNames;
import org.sda.trainer.vqvae.ConvNextDecoder;
import org.sda.trainer.vqvae.ConvSpec;
import org.sda.trainer.vqvae.ConvVqVae;
import org.sda.trainer.vqvae.VqVaeConfig;

/**
 * Builds the encoder, quantiser and decoder ONNX graphs of docs/MODEL-FORMAT.md from trained
 * weights, mirroring {@link ConvVqVae#encode}, the quantiser's nearest-code rule and
 * {@link ConvVqVae#decode} op for op. Batch and time axes are dynamic ({@code B}, {@code T}).
 */
public final class OnnxExporter {

    private static final String PRODUCER = "sda-trainer";

    private OnnxExporter() {
    }

    /** {@code log_mel [B, mels, T]} → {@code latent [B, D, T']}. */
    public static byte[] encoder(ConvVqVae model) {
        VqVaeConfig c = model.config();
        OnnxGraph g = new OnnxGraph("encoder");
        g.input(OnnxNames.LOG_MEL, DataType.FLOAT, "B", c.melBands(), "T");
        g.output(OnnxNames.LATENT, DataType.FLOAT, "B", c.codeDim(), "Tc");
        String mean = g.constant("norm.mean", model.melMean().toFloatArray(), 1, c.melBands(), 1);
        String scale = g.constant("norm.scale", model.melScale().toFloatArray(), 1, c.melBands(), 1);
        String x = g.node("Sub", g.fresh("centred"), new String[] {OnnxNames.LOG_MEL, mean});
        x = g.node("Mul", g.fresh("normalised"), new String[] {x, scale});
        List<ConvSpec> convs = model.encoderConvs();
        Map<String, NDArray> p = model.parameters();
        x = lrelu(g, conv(g, x, convs.get(0), p, null));
        x = lrelu(g, conv(g, x, convs.get(1), p, null));
        int i = 2;
        for (int r = 0; r < ConvVqVae.DILATIONS.length; r++) {
            x = residual(g, x, convs.get(i++), convs.get(i++), p);
        }
        conv(g, lrelu(g, x), convs.get(i), p, OnnxNames.LATENT);
        return g.toBytes(PRODUCER);
    }

    /** {@code latent [B, D, T']} → {@code log_magnitude [B, bins, T]} ({@code [B, mels, T]} for a mel decoder). */
    public static byte[] decoder(ConvVqVae model) {
        VqVaeConfig c = model.config();
        OnnxGraph g = new OnnxGraph("decoder");
        g.input(OnnxNames.LATENT, DataType.FLOAT, "B", c.codeDim(), "Tc");
        g.output(OnnxNames.LOG_MAGNITUDE, DataType.FLOAT, "B", c.outputChannels(), "T");
        List<ConvSpec> convs = model.decoderConvs();
        Map<String, NDArray> p = model.parameters();
        if (c.convNextDecoder()) {
            convNextDecoder(g, c, convs, p);
            return g.toBytes(PRODUCER);
        }
        String x = conv(g, OnnxNames.LATENT, convs.get(0), p, null);
        int i = 1;
        for (int r = 0; r < ConvVqVae.DILATIONS.length; r++) {
            x = residual(g, x, convs.get(i++), convs.get(i++), p);
        }
        x = lrelu(g, conv(g, upsample(g, lrelu(g, x), c), convs.get(i++), p, null));
        x = lrelu(g, conv(g, x, convs.get(i++), p, null));
        conv(g, x, convs.get(i), p, OnnxNames.LOG_MAGNITUDE);
        return g.toBytes(PRODUCER);
    }

    /**
     * {@code latent [B, D, T']} → {@code codes [B, L, T']} int64 and {@code quantized [B, D, T']}
     * (the sum of the chosen codes), choosing codes level by level on the residual exactly as in
     * training: highest cosine similarity, or smallest squared Euclidean distance.
     *
     * @param codebooks {@code [levels][K][D]}
     */
    public static byte[] quantizer(VqVaeConfig c, float[][][] codebooks) {
        OnnxGraph g = new OnnxGraph("quantizer");
        int k = c.codebookSize();
        int d = c.codeDim();
        g.input(OnnxNames.LATENT, DataType.FLOAT, "B", d, "Tc");
        g.output(OnnxNames.CODES, DataType.INT64, "B", c.levels(), "Tc");
        g.output(OnnxNames.QUANTIZED, DataType.FLOAT, "B", d, "Tc");
        String axis1 = g.constantLong("axis1", new long[] {1}, 1);
        String residual = g.node("Transpose", g.fresh("frames"), new String[] {OnnxNames.LATENT}, "perm",
                new long[] {0, 2, 1});
        String sum = null;
        String[] codes = new String[c.levels()];
        for (int l = 0; l < c.levels(); l++) {
            float[] book = new float[k * d];
            float[] lookup = new float[d * k]; // [D, K], transposed for MatMul
            float[] squaredNorm = new float[k];
            for (int j = 0; j < k; j++) {
                double norm = 0;
                for (int e = 0; e < d; e++) {
                    book[j * d + e] = codebooks[l][j][e];
                    norm += (double) codebooks[l][j][e] * codebooks[l][j][e];
                }
                squaredNorm[j] = (float) norm;
                double divisor = c.cosineLookup() ? Math.max(Math.sqrt(norm), 1e-8) : 1;
                for (int e = 0; e < d; e++) {
                    lookup[e * k + j] = (float) (codebooks[l][j][e] / divisor);
                }
            }
            String bookName = g.constant("codebook" + l, book, k, d);
            String lookupName = g.constant("lookup" + l, lookup, d, k);
            String scores = g.node("MatMul", g.fresh("scores" + l), new String[] {residual, lookupName});
            String index;
            if (c.cosineLookup()) {
                index = g.node("ArgMax", g.fresh("index" + l), new String[] {scores}, "axis", 2, "keepdims", 0);
            } else {
                String norms = g.constant("norms" + l, squaredNorm, k);
                String two = g.constant("two" + l, new float[] {2f});
                String twice = g.node("Mul", g.fresh("twice" + l), new String[] {scores, two});
                String distance = g.node("Sub", g.fresh("distance" + l), new String[] {norms, twice});
                index = g.node("ArgMin", g.fresh("index" + l), new String[] {distance}, "axis", 2, "keepdims", 0);
            }
            String q = g.node("Gather", g.fresh("code" + l), new String[] {bookName, index}, "axis", 0);
            codes[l] = g.node("Unsqueeze", g.fresh("codes" + l), new String[] {index, axis1});
            sum = sum == null ? q : g.node("Add", g.fresh("sum" + l), new String[] {sum, q});
            if (l + 1 < c.levels()) {
                residual = g.node("Sub", g.fresh("residual" + l), new String[] {residual, q});
            }
        }
        if (c.levels() == 1) {
            g.node("Identity", OnnxNames.CODES, new String[] {codes[0]});
        } else {
            g.node("Concat", OnnxNames.CODES, codes, "axis", 1);
        }
        g.node("Transpose", OnnxNames.QUANTIZED, new String[] {sum}, "perm", new long[] {0, 2, 1});
        return g.toBytes(PRODUCER);
    }

    /** {@link ConvNextDecoder}'s forward pass, op for op. */
    private static void convNextDecoder(OnnxGraph g, VqVaeConfig c, List<ConvSpec> convs, Map<String, NDArray> p) {
        String x = layerNorm(g, conv(g, OnnxNames.LATENT, convs.get(0), p, null), p, "dec.norm0", c.hidden());
        for (int i = 0; i < ConvNextDecoder.blocks(); i++) {
            if (i == ConvNextDecoder.CODE_RATE_BLOCKS) {
                x = upsample(g, x, c);
            }
            int k = 1 + 3 * i;
            String name = ConvNextDecoder.block(i);
            String y = conv(g, x, convs.get(k), p, null);
            y = layerNorm(g, y, p, name + ".norm", c.hidden());
            y = gelu(g, conv(g, y, convs.get(k + 1), p, null));
            y = conv(g, y, convs.get(k + 2), p, null);
            String gamma = g.constant(name + ".gamma", p.get(name + ".gamma").toFloatArray(), 1, c.hidden(), 1);
            y = g.node("Mul", g.fresh("scaled"), new String[] {y, gamma});
            x = g.node("Add", g.fresh("block"), new String[] {x, y});
        }
        if (ConvNextDecoder.blocks() == ConvNextDecoder.CODE_RATE_BLOCKS) {
            x = upsample(g, x, c);
        }
        x = layerNorm(g, x, p, "dec.normF", c.hidden());
        conv(g, x, convs.get(convs.size() - 1), p, OnnxNames.LOG_MAGNITUDE);
    }

    /** LayerNorm over axis 1 of {@code [B, C, T]}: ReduceMean, Sub, Mul, ReduceMean, Add, Sqrt, Div, scale, shift. */
    private static String layerNorm(OnnxGraph g, String x, Map<String, NDArray> p, String name, int channels) {
        String mean = g.node("ReduceMean", g.fresh(name + ".mean"), new String[] {x}, "axes", new long[] {1},
                "keepdims", 1);
        String centred = g.node("Sub", g.fresh(name + ".centred"), new String[] {x, mean});
        String square = g.node("Mul", g.fresh(name + ".square"), new String[] {centred, centred});
        String variance = g.node("ReduceMean", g.fresh(name + ".variance"), new String[] {square}, "axes",
                new long[] {1}, "keepdims", 1);
        String eps = g.constant(name + ".eps", new float[] {ConvNextDecoder.EPSILON});
        String std = g.node("Sqrt", g.fresh(name + ".std"), new String[] {
                g.node("Add", g.fresh(name + ".varEps"), new String[] {variance, eps})});
        String y = g.node("Div", g.fresh(name + ".normalised"), new String[] {centred, std});
        String w = g.constant(name + ".weight", p.get(name + ".weight").toFloatArray(), 1, channels, 1);
        String b = g.constant(name + ".bias", p.get(name + ".bias").toFloatArray(), 1, channels, 1);
        y = g.node("Mul", g.fresh(name + ".scaled"), new String[] {y, w});
        return g.node("Add", g.fresh(name + ".out"), new String[] {y, b});
    }

    /** Exact GELU: {@code 0.5 · x · (1 + erf(x / √2))} (Erf, opset 9 and later). */
    private static String gelu(OnnxGraph g, String x) {
        String invSqrt2 = g.constant(g.fresh("gelu.invsqrt2"), new float[] {(float) (1 / Math.sqrt(2))});
        String one = g.constant(g.fresh("gelu.one"), new float[] {1f});
        String half = g.constant(g.fresh("gelu.half"), new float[] {0.5f});
        String e = g.node("Erf", g.fresh("gelu.erf"), new String[] {
                g.node("Mul", g.fresh("gelu.scaled"), new String[] {x, invSqrt2})});
        String y = g.node("Add", g.fresh("gelu.plus"), new String[] {e, one});
        y = g.node("Mul", g.fresh("gelu.times"), new String[] {y, x});
        return g.node("Mul", g.fresh("gelu"), new String[] {y, half});
    }

    /** Unsqueeze → Expand → Reshape: each frame repeated {@code downsample} times, as in training. */
    private static String upsample(OnnxGraph g, String x, VqVaeConfig c) {
        int ds = c.downsample();
        if (ds == 1) {
            return x;
        }
        String axis3 = g.constantLong("axis3", new long[] {3}, 1);
        String expandShape = g.constantLong("repeat_shape", new long[] {1, 1, 1, ds}, 4);
        String flatShape = g.constantLong("upsampled_shape", new long[] {0, c.hidden(), -1}, 3);
        String y = g.node("Unsqueeze", g.fresh("frames4d"), new String[] {x, axis3});
        y = g.node("Expand", g.fresh("repeated"), new String[] {y, expandShape});
        return g.node("Reshape", g.fresh("upsampled"), new String[] {y, flatShape});
    }

    private static String residual(OnnxGraph g, String x, ConvSpec a, ConvSpec b, Map<String, NDArray> p) {
        String y = conv(g, lrelu(g, x), a, p, null);
        y = conv(g, lrelu(g, y), b, p, null);
        return g.node("Add", g.fresh("residual"), new String[] {x, y});
    }

    private static String lrelu(OnnxGraph g, String x) {
        return g.node("LeakyRelu", g.fresh("lrelu"), new String[] {x}, "alpha", ConvVqVae.SLOPE);
    }

    private static String conv(OnnxGraph g, String x, ConvSpec spec, Map<String, NDArray> p, String output) {
        long[] shape = spec.weightShape();
        String w = g.constant(spec.name() + ".weight", p.get(spec.name() + ".weight").toFloatArray(), shape);
        String b = g.constant(spec.name() + ".bias", p.get(spec.name() + ".bias").toFloatArray(), spec.out());
        String out = output != null ? output : g.fresh(spec.name());
        if (spec.groups() > 1) {
            return g.node("Conv", out, new String[] {x, w, b},
                    "kernel_shape", new long[] {spec.kernel()},
                    "strides", new long[] {spec.stride()},
                    "pads", new long[] {spec.padding(), spec.padding()},
                    "dilations", new long[] {spec.dilation()},
                    "group", spec.groups());
        }
        return g.node(spec.transposed() ? "ConvTranspose" : "Conv", out, new String[] {x, w, b},
                "kernel_shape", new long[] {spec.kernel()},
                "strides", new long[] {spec.stride()},
                "pads", new long[] {spec.padding(), spec.padding()},
                "dilations", new long[] {spec.dilation()});
    }
}
