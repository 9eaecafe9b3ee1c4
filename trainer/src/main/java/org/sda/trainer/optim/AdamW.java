package org.sda.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter 2019) with global-norm gradient clipping, updating parameters in
 * place. Its moments are plain arrays so checkpoints can save and restore them. Call outside a
 * gradient collector.
 */
public final class AdamW implements AutoCloseable {

    private final NDManager manager;
    private final List<NDArray> params;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private final float weightDecay;
    private long step;

    public AdamW(Map<String, NDArray> parameters, float weightDecay, NDManager parent) {
        this.manager = parent.newSubManager();
        this.params = List.copyOf(parameters.values());
        this.weightDecay = weightDecay;
        for (NDArray p : params) {
            m.add(manager.zeros(p.getShape()));
            v.add(manager.zeros(p.getShape()));
        }
    }

    /**
     * One update from the gradients the last backward pass left.
     *
     * @param clipNorm the global gradient norm is scaled down to this if larger
     * @return the global gradient norm before clipping
     */
    public double step(float learningRate, float clipNorm) {
        List<NDArray> grads = new ArrayList<>();
        double squared = 0;
        for (NDArray p : params) {
            NDArray g = p.getGradient();
            grads.add(g);
            squared += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(squared);
        if (!Double.isFinite(norm)) {
            // An overflowing gradient would poison the moments, and clearing it by subtraction
            // (inf - inf) would leave NaN behind for every later step: zero it and skip the update.
            for (NDArray g : grads) {
                g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
            }
            return norm;
        }
        float scale = norm > clipNorm ? (float) (clipNorm / (norm + 1e-6)) : 1f;
        step++;
        float c1 = 1 - (float) Math.pow(beta1, step);
        float c2 = 1 - (float) Math.pow(beta2, step);
        for (int i = 0; i < params.size(); i++) {
            NDArray g = grads.get(i).mul(scale);
            m.get(i).muli(beta1).addi(g.mul(1 - beta1));
            v.get(i).muli(beta2).addi(g.square().mul(1 - beta2));
            NDArray update = m.get(i).div(c1).div(v.get(i).div(c2).sqrt().add(epsilon));
            NDArray p = params.get(i);
            if (weightDecay > 0 && p.getShape().dimension() > 1) {
                p.muli(1 - learningRate * weightDecay);
            }
            p.subi(update.mul(learningRate));
            // The PyTorch engine accumulates gradients across backward passes: clear them here.
            grads.get(i).subi(grads.get(i));
        }
        return norm;
    }

    public long stepCount() {
        return step;
    }

    public void setStepCount(long n) {
        step = n;
    }

    /** First and second moments, in parameter order, for checkpoints. */
    public List<NDArray> moments() {
        List<NDArray> out = new ArrayList<>(m);
        out.addAll(v);
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
