package org.sda.trainer.prior;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.sda.engine.generate.TokenLayout;

/**
 * A prior network over the token stream of {@link TokenLayout}: given embedding indices
 * {@code [B, S]} at window positions {@code 0..S-1}, the logits of the next token for every level,
 * {@code [B, S, levels * tokensPerLevel]}. Causal: the output at position {@code i} depends on
 * inputs {@code 0..i} only. Parameters are plain arrays (name → array, fixed order) that require
 * gradients. Not thread-safe: one training thread owns it.
 */
public interface PriorNetwork extends AutoCloseable {

    PriorConfig config();

    TokenLayout layout();

    Map<String, NDArray> parameters();

    /**
     * @param tokens int64 {@code [B, S]} embedding indices
     * @param training applies dropout when true
     * @return float32 {@code [B, S, vocabulary]}
     */
    NDArray forward(NDArray tokens, boolean training);

    @Override
    void close();
}
