package org.sda.trainer.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.sda.engine.generate.TokenLayout;

/**
 * A small causal transformer (GPT-2 style, pre-layer-norm) as plain DJL arrays:
 *
 * <pre>
 *   x = tok[token] + pos[position]                                   [B, S, d]
 *   per block: x += Wo · attention(LN1(x)) (causal, H heads); x += W2 · relu(W1 · LN2(x))
 *   logits = LN_f(x) · W_head + b_head                               [B, S, levels * tokensPerLevel]
 * </pre>
 *
 * Dropout on the attention weights and on each residual branch. Matrices are stored
 * {@code [in, out]} so the ONNX step graph ({@code PriorExporter}) multiplies them as they are.
 * Layer norm: biased variance, epsilon {@value #EPSILON}, as ONNX LayerNormalization.
 */
public final class TransformerPrior implements PriorNetwork {

    static final float EPSILON = 1e-5f;

    private final PriorConfig config;
    private final TokenLayout layout;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private NDArray mask;

    public TransformerPrior(PriorConfig config, TokenLayout layout, NDManager parent, RandomGenerator random) {
        if (!config.transformer()) {
            throw new IllegalArgumentException("not a transformer config: " + config);
        }
        this.config = config;
        this.layout = layout;
        this.manager = parent.newSubManager();
        int d = config.width();
        int v = layout.vocabulary();
        normal("tok.weight", random, 0.02, v, d);
        normal("pos.weight", random, 0.02, layout.contextTokens(), d);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        for (int i = 0; i < config.layers(); i++) {
            String b = "block" + i + ".";
            constant(b + "ln1.gamma", 1f, d);
            constant(b + "ln1.beta", 0f, d);
            normal(b + "qkv.weight", random, 0.02, d, 3 * d);
            constant(b + "qkv.bias", 0f, 3 * d);
            normal(b + "out.weight", random, residualStd, d, d);
            constant(b + "out.bias", 0f, d);
            constant(b + "ln2.gamma", 1f, d);
            constant(b + "ln2.beta", 0f, d);
            normal(b + "up.weight", random, 0.02, d, 4 * d);
            constant(b + "up.bias", 0f, 4 * d);
            normal(b + "down.weight", random, residualStd, 4 * d, d);
            constant(b + "down.bias", 0f, d);
        }
        constant("lnf.gamma", 1f, d);
        constant("lnf.beta", 0f, d);
        normal("head.weight", random, 0.02, d, v);
        constant("head.bias", 0f, v);
        for (NDArray p : params.values()) {
            p.setRequiresGradient(true);
        }
    }

    private void normal(String name, RandomGenerator random, double std, long... shape) {
        Shape s = new Shape(shape);
        float[] values = new float[(int) s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        params.put(name, manager.create(values, s));
    }

    private void constant(String name, float value, long... shape) {
        params.put(name, manager.full(new Shape(shape), value));
    }

    @Override
    public PriorConfig config() {
        return config;
    }

    @Override
    public TokenLayout layout() {
        return layout;
    }

    @Override
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    @Override
    public NDArray forward(NDArray tokens, boolean training) {
        long b = tokens.getShape().get(0);
        int s = (int) tokens.getShape().get(1);
        int d = config.width();
        int h = config.heads();
        int dh = d / h;
        float drop = config.dropout();
        NDArray x = embed(params.get("tok.weight"), tokens).add(params.get("pos.weight").get(new NDIndex("0:" + s)));
        x = dropout(x, drop, training);
        NDArray causal = causalMask(s);
        for (int i = 0; i < config.layers(); i++) {
            String p = "block" + i + ".";
            NDArray n1 = layerNorm(x, params.get(p + "ln1.gamma"), params.get(p + "ln1.beta"));
            NDArray qkv = n1.matMul(params.get(p + "qkv.weight")).add(params.get(p + "qkv.bias"));
            NDList parts = qkv.split(3, 2);
            NDArray q = heads(parts.get(0), b, s, h, dh);
            NDArray k = heads(parts.get(1), b, s, h, dh);
            NDArray v = heads(parts.get(2), b, s, h, dh);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0f / (float) Math.sqrt(dh)).add(causal);
            NDArray weights = dropout(scores.softmax(-1), drop, training);
            NDArray attended = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, s, d);
            NDArray y = attended.matMul(params.get(p + "out.weight")).add(params.get(p + "out.bias"));
            x = x.add(dropout(y, drop, training));
            NDArray n2 = layerNorm(x, params.get(p + "ln2.gamma"), params.get(p + "ln2.beta"));
            NDArray f = n2.matMul(params.get(p + "up.weight")).add(params.get(p + "up.bias"));
            f = f.maximum(0f).matMul(params.get(p + "down.weight")).add(params.get(p + "down.bias"));
            x = x.add(dropout(f, drop, training));
        }
        x = layerNorm(x, params.get("lnf.gamma"), params.get("lnf.beta"));
        return x.matMul(params.get("head.weight")).add(params.get("head.bias"));
    }

    private static NDArray heads(NDArray x, long b, int s, int h, int dh) {
        return x.reshape(b, s, h, dh).transpose(0, 2, 1, 3);
    }

    static NDArray embed(NDArray table, NDArray tokens) {
        return tokens.getNDArrayInternal().embedding(tokens.toType(DataType.INT64, false), table, SparseFormat.DENSE)
                .singletonOrThrow();
    }

    static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
    }

    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray centred = x.sub(mean);
        NDArray variance = centred.square().mean(new int[] {-1}, true);
        return centred.div(variance.add(EPSILON).sqrt()).mul(gamma).add(beta);
    }

    /** {@code [S, S]}: 0 on and below the diagonal, -1e9 above (future positions). */
    private NDArray causalMask(int s) {
        if (mask == null || mask.getShape().get(0) != s) {
            if (mask != null) {
                mask.close();
            }
            float[] m = new float[s * s];
            for (int i = 0; i < s; i++) {
                for (int j = i + 1; j < s; j++) {
                    m[i * s + j] = -1e9f;
                }
            }
            mask = manager.create(m, new Shape(s, s));
            // Kept across steps: not to be closed by the step's NDScope.
            ai.djl.ndarray.NDScope.unregister(mask);
        }
        return mask;
    }

    @Override
    public void close() {
        manager.close();
    }
}
