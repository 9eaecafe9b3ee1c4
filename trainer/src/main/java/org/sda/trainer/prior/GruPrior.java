package org.sda.trainer.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.sda.engine.generate.TokenLayout;

/**
 * The recurrent prior: token embedding → GRU layers (PyTorch's fused GRU, gate order r, z, n, the
 * reset gate applied after the hidden projection) → dropout → linear head. No positions: the
 * hidden state carries them. Weights are stored as PyTorch keeps them ({@code w_ih [3H, in]},
 * {@code w_hh [3H, H]}, {@code b_ih}, {@code b_hh}); the exporter reorders the gates to ONNX's
 * z, r, h.
 */
public final class GruPrior implements PriorNetwork {

    private final PriorConfig config;
    private final TokenLayout layout;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();

    public GruPrior(PriorConfig config, TokenLayout layout, NDManager parent, RandomGenerator random) {
        if (config.transformer()) {
            throw new IllegalArgumentException("not a GRU config: " + config);
        }
        this.config = config;
        this.layout = layout;
        this.manager = parent.newSubManager();
        int h = config.width();
        int v = layout.vocabulary();
        uniform("tok.weight", random, 0.1, v, h);
        double bound = 1 / Math.sqrt(h);
        for (int i = 0; i < config.layers(); i++) {
            uniform("gru" + i + ".w_ih", random, bound, 3 * h, h);
            uniform("gru" + i + ".w_hh", random, bound, 3 * h, h);
            uniform("gru" + i + ".b_ih", random, bound, 3 * h);
            uniform("gru" + i + ".b_hh", random, bound, 3 * h);
        }
        uniform("head.weight", random, bound, h, v);
        params.put("head.bias", manager.zeros(new Shape(v)));
        for (NDArray p : params.values()) {
            p.setRequiresGradient(true);
        }
    }

    private void uniform(String name, RandomGenerator random, double bound, long... shape) {
        Shape s = new Shape(shape);
        float[] values = new float[(int) s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        params.put(name, manager.create(values, s));
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
        int h = config.width();
        NDArray x = TransformerPrior.embed(params.get("tok.weight"), tokens);
        NDList weights = new NDList();
        for (int i = 0; i < config.layers(); i++) {
            weights.add(params.get("gru" + i + ".w_ih"));
            weights.add(params.get("gru" + i + ".w_hh"));
            weights.add(params.get("gru" + i + ".b_ih"));
            weights.add(params.get("gru" + i + ".b_hh"));
        }
        NDArray h0 = x.getManager().zeros(new Shape(config.layers(), b, h));
        NDList out = x.getNDArrayInternal().gru(x, h0, weights, true, config.layers(),
                training ? config.dropout() : 0.0, training, false, true);
        NDArray y = TransformerPrior.dropout(out.get(0), config.dropout(), training);
        return y.matMul(params.get("head.weight")).add(params.get("head.bias"));
    }

    @Override
    public void close() {
        manager.close();
    }
}
