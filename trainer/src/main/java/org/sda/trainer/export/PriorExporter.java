package org.sda.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.Map;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.model.OnnxNames;
import org.sda.trainer.prior.PriorConfig;
import org.sda.trainer.prior.PriorNetwork;

/**
 * The prior as an ONNX step graph with a cache (docs/MODEL-FORMAT.md, {@code prior.onnx}), built
 * op for op from the trained weights: {@code S} new tokens at positions {@code P .. P+S-1} attend
 * to the {@code P} cached ones and to each other causally, so generation feeds one token per run
 * and a prompt in one run.
 *
 * <pre>
 *   transformer: token [B, S], position [B, S], past_key/past_value [layers, B, heads, P, d/heads]
 *                → logits [B, S, vocab], present_key/present_value [layers, B, heads, P+S, d/heads]
 *   GRU:         token [B, S], past_hidden [layers, B, width] → logits [B, S, vocab], present_hidden
 * </pre>
 */
public final class PriorExporter {

    private static final String PAST_KEY = OnnxNames.past(OnnxNames.KEY);
    private static final String PAST_VALUE = OnnxNames.past(OnnxNames.VALUE);

    private static final String PRODUCER = "sda-trainer";

    private PriorExporter() {
    }

    public static byte[] export(PriorNetwork network) {
        return network.config().transformer() ? transformer(network) : gru(network);
    }

    static byte[] transformer(PriorNetwork network) {
        PriorConfig c = network.config();
        TokenLayout layout = network.layout();
        Map<String, NDArray> p = network.parameters();
        int d = c.width();
        int h = c.heads();
        int dh = d / h;
        OnnxGraph g = new OnnxGraph("prior");
        g.input(OnnxNames.TOKEN, DataType.INT64, "B", "S");
        g.input(OnnxNames.POSITION, DataType.INT64, "B", "S");
        g.input(PAST_KEY, DataType.FLOAT, c.layers(), "B", h, "P", dh);
        g.input(PAST_VALUE, DataType.FLOAT, c.layers(), "B", h, "P", dh);
        g.output(OnnxNames.LOGITS, DataType.FLOAT, "B", "S", layout.vocabulary());
        g.output(OnnxNames.present(OnnxNames.KEY), DataType.FLOAT, c.layers(), "B", h, "T", dh);
        g.output(OnnxNames.present(OnnxNames.VALUE), DataType.FLOAT, c.layers(), "B", h, "T", dh);

        String tok = g.constant("tok.weight", floats(p, "tok.weight"), layout.vocabulary(), d);
        String pos = g.constant("pos.weight", floats(p, "pos.weight"), layout.contextTokens(), d);
        String x = g.node("Add", g.fresh("embedded"), new String[] {
            g.node("Gather", g.fresh("tok"), new String[] {tok, OnnxNames.TOKEN}, "axis", 0),
            g.node("Gather", g.fresh("pos"), new String[] {pos, OnnxNames.POSITION}, "axis", 0)});

        // Causal mask over [S, P+S]: new token j (absolute P+j) sees cache columns up to P+j.
        String zero = g.constantLong("zero", new long[] {0});
        String one = g.constantLong("one", new long[] {1});
        String three = g.constantLong("three", new long[] {3});
        String cached = g.node("Gather", g.fresh("cached"), new String[] {
            g.node("Shape", g.fresh("past_shape"), new String[] {PAST_KEY}), three}, "axis", 0);
        String fresh = g.node("Gather", g.fresh("fresh"), new String[] {
            g.node("Shape", g.fresh("token_shape"), new String[] {OnnxNames.TOKEN}), one}, "axis", 0);
        String total = g.node("Add", g.fresh("total"), new String[] {cached, fresh});
        String rows = g.node("Range", g.fresh("rows"), new String[] {cached, total, one});
        String cols = g.node("Range", g.fresh("cols"), new String[] {zero, total, one});
        String rows2 = g.node("Unsqueeze", g.fresh("rows2"), new String[] {rows,
            g.constantLong("axis_1", new long[] {1}, 1)});
        String cols2 = g.node("Unsqueeze", g.fresh("cols2"), new String[] {cols,
            g.constantLong("axis_0", new long[] {0}, 1)});
        String future = g.node("Greater", g.fresh("future"), new String[] {cols2, rows2});
        String mask = g.node("Where", g.fresh("mask"), new String[] {future,
            g.constant("minus_inf", new float[] {-1e9f}), g.constant("no_mask", new float[] {0f})});

        String headsShape = g.constantLong("heads_shape", new long[] {0, 0, h, dh}, 4);
        String modelShape = g.constantLong("model_shape", new long[] {0, 0, d}, 3);
        String scale = g.constant("scale", new float[] {(float) (1.0 / Math.sqrt(dh))});
        String[] keys = new String[c.layers()];
        String[] values = new String[c.layers()];
        for (int i = 0; i < c.layers(); i++) {
            String b = "block" + i + ".";
            String layer = g.constantLong("layer" + i, new long[] {i});
            String n1 = layerNorm(g, x, p, b + "ln1");
            float[] qkvW = floats(p, b + "qkv.weight");
            float[] qkvB = floats(p, b + "qkv.bias");
            String[] qkv = new String[3];
            for (int part = 0; part < 3; part++) {
                float[] w = new float[d * d];
                for (int r = 0; r < d; r++) {
                    System.arraycopy(qkvW, r * 3 * d + part * d, w, r * d, d);
                }
                float[] bias = new float[d];
                System.arraycopy(qkvB, part * d, bias, 0, d);
                String name = b + "qkv" + part;
                String lin = linear(g, n1, g.constant(name + ".weight", w, d, d), g.constant(name + ".bias", bias, d));
                String split = g.node("Reshape", g.fresh("split"), new String[] {lin, headsShape});
                qkv[part] = g.node("Transpose", g.fresh("heads"), new String[] {split}, "perm", new long[] {0, 2, 1, 3});
            }
            String pastK = g.node("Gather", g.fresh("past_k"), new String[] {PAST_KEY, layer}, "axis", 0);
            String pastV = g.node("Gather", g.fresh("past_v"), new String[] {PAST_VALUE, layer}, "axis", 0);
            String k = g.node("Concat", g.fresh("k"), new String[] {pastK, qkv[1]}, "axis", 2);
            String v = g.node("Concat", g.fresh("v"), new String[] {pastV, qkv[2]}, "axis", 2);
            String kt = g.node("Transpose", g.fresh("kt"), new String[] {k}, "perm", new long[] {0, 1, 3, 2});
            String scores = g.node("Mul", g.fresh("scores"), new String[] {
                g.node("MatMul", g.fresh("qk"), new String[] {qkv[0], kt}), scale});
            String probs = g.node("Softmax", g.fresh("probs"), new String[] {
                g.node("Add", g.fresh("masked"), new String[] {scores, mask})}, "axis", -1);
            String attended = g.node("MatMul", g.fresh("attended"), new String[] {probs, v});
            String merged = g.node("Reshape", g.fresh("merged"), new String[] {
                g.node("Transpose", g.fresh("back"), new String[] {attended}, "perm", new long[] {0, 2, 1, 3}),
                modelShape});
            String y = linear(g, merged, g.constant(b + "out.weight", floats(p, b + "out.weight"), d, d),
                    g.constant(b + "out.bias", floats(p, b + "out.bias"), d));
            x = g.node("Add", g.fresh("residual"), new String[] {x, y});
            String n2 = layerNorm(g, x, p, b + "ln2");
            String up = linear(g, n2, g.constant(b + "up.weight", floats(p, b + "up.weight"), d, 4L * d),
                    g.constant(b + "up.bias", floats(p, b + "up.bias"), 4L * d));
            String relu = g.node("Relu", g.fresh("relu"), new String[] {up});
            String down = linear(g, relu, g.constant(b + "down.weight", floats(p, b + "down.weight"), 4L * d, d),
                    g.constant(b + "down.bias", floats(p, b + "down.bias"), d));
            x = g.node("Add", g.fresh("residual"), new String[] {x, down});
            String axis0 = g.constantLong("stack_axis" + i, new long[] {0}, 1);
            keys[i] = g.node("Unsqueeze", g.fresh("key"), new String[] {k, axis0});
            values[i] = g.node("Unsqueeze", g.fresh("value"), new String[] {v, axis0});
        }
        stack(g, keys, OnnxNames.present(OnnxNames.KEY));
        stack(g, values, OnnxNames.present(OnnxNames.VALUE));
        String out = layerNorm(g, x, p, "lnf");
        g.node("Add", OnnxNames.LOGITS, new String[] {
            g.node("MatMul", g.fresh("head"), new String[] {out,
                g.constant("head.weight", floats(p, "head.weight"), d, layout.vocabulary())}),
            g.constant("head.bias", floats(p, "head.bias"), layout.vocabulary())});
        return g.toBytes(PRODUCER);
    }

    static byte[] gru(PriorNetwork network) {
        PriorConfig c = network.config();
        TokenLayout layout = network.layout();
        Map<String, NDArray> p = network.parameters();
        int hidden = c.width();
        OnnxGraph g = new OnnxGraph("prior");
        g.input(OnnxNames.TOKEN, DataType.INT64, "B", "S");
        g.input(OnnxNames.past(OnnxNames.HIDDEN), DataType.FLOAT, c.layers(), "B", hidden);
        g.output(OnnxNames.LOGITS, DataType.FLOAT, "B", "S", layout.vocabulary());
        g.output(OnnxNames.present(OnnxNames.HIDDEN), DataType.FLOAT, c.layers(), "B", hidden);
        String tok = g.constant("tok.weight", floats(p, "tok.weight"), layout.vocabulary(), hidden);
        String x = g.node("Gather", g.fresh("tok"), new String[] {tok, OnnxNames.TOKEN}, "axis", 0);
        x = g.node("Transpose", g.fresh("time_major"), new String[] {x}, "perm", new long[] {1, 0, 2});
        String[] finals = new String[c.layers()];
        String axis0 = g.constantLong("axis0", new long[] {0}, 1);
        String axis1 = g.constantLong("axis1", new long[] {1}, 1);
        for (int i = 0; i < c.layers(); i++) {
            String n = "gru" + i;
            String h0 = g.node("Unsqueeze", g.fresh("h0"), new String[] {
                g.node("Gather", g.fresh("past"), new String[] {OnnxNames.past(OnnxNames.HIDDEN),
                    g.constantLong("layer" + i, new long[] {i})}, "axis", 0), axis0});
            String w = g.constant(n + ".W", zrn(floats(p, n + ".w_ih"), hidden, hidden), 1, 3L * hidden, hidden);
            String r = g.constant(n + ".R", zrn(floats(p, n + ".w_hh"), hidden, hidden), 1, 3L * hidden, hidden);
            float[] bias = new float[6 * hidden];
            System.arraycopy(zrn(floats(p, n + ".b_ih"), hidden, 1), 0, bias, 0, 3 * hidden);
            System.arraycopy(zrn(floats(p, n + ".b_hh"), hidden, 1), 0, bias, 3 * hidden, 3 * hidden);
            String bb = g.constant(n + ".B", bias, 1, 6L * hidden);
            String y = g.fresh("y");
            finals[i] = g.fresh("h");
            g.nodes("GRU", new String[] {y, finals[i]}, new String[] {x, w, r, bb, "", h0},
                    "hidden_size", hidden, "linear_before_reset", 1);
            x = g.node("Squeeze", g.fresh("seq"), new String[] {y, axis1});
        }
        stack(g, finals, OnnxNames.present(OnnxNames.HIDDEN));
        String batchMajor = g.node("Transpose", g.fresh("batch_major"), new String[] {x}, "perm", new long[] {1, 0, 2});
        g.node("Add", OnnxNames.LOGITS, new String[] {
            g.node("MatMul", g.fresh("head"), new String[] {batchMajor,
                g.constant("head.weight", floats(p, "head.weight"), hidden, layout.vocabulary())}),
            g.constant("head.bias", floats(p, "head.bias"), layout.vocabulary())});
        return g.toBytes(PRODUCER);
    }

    /** PyTorch's gate blocks (r, z, n) → ONNX's (z, r, h); each block {@code hidden} rows of {@code cols}. */
    private static float[] zrn(float[] rzn, int hidden, int cols) {
        int block = hidden * cols;
        float[] out = new float[3 * block];
        System.arraycopy(rzn, block, out, 0, block);
        System.arraycopy(rzn, 0, out, block, block);
        System.arraycopy(rzn, 2 * block, out, 2 * block, block);
        return out;
    }

    private static void stack(OnnxGraph g, String[] parts, String output) {
        if (parts.length == 1) {
            g.node("Identity", output, parts);
        } else {
            g.node("Concat", output, parts, "axis", 0);
        }
    }

    private static String linear(OnnxGraph g, String x, String weight, String bias) {
        return g.node("Add", g.fresh("linear"), new String[] {
            g.node("MatMul", g.fresh("matmul"), new String[] {x, weight}), bias});
    }

    private static String layerNorm(OnnxGraph g, String x, Map<String, NDArray> p, String name) {
        NDArray gamma = p.get(name + ".gamma");
        long n = gamma.getShape().get(0);
        return g.node("LayerNormalization", g.fresh(name), new String[] {x,
            g.constant(name + ".gamma", gamma.toFloatArray(), n),
            g.constant(name + ".beta", floats(p, name + ".beta"), n)},
            "axis", -1, "epsilon", 1e-5f);
    }

    private static float[] floats(Map<String, NDArray> p, String name) {
        NDArray a = p.get(name);
        if (a == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return a.toFloatArray();
    }
}
