package org.sda.trainer.prior;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.training.Stage;
import org.sda.engine.training.StopReason;
import org.sda.engine.training.TrainingEvent;
import org.sda.engine.training.TrainingSink;
import org.sda.trainer.optim.AdamW;

/**
 * Trains a prior on a token stream: random frame-aligned windows of the context length, the
 * cross-entropy (label-smoothed if the configuration says so; the defaults do not) of each next
 * token within its level's tokens, AdamW with gradient
 * clipping, a linear warm-up and a cosine decay over the time budget. After each epoch (about one
 * pass over the training tokens) it measures perplexity on training and validation windows, keeps
 * the best weights by validation perplexity and stops early when they stop improving. At the end
 * the best weights are in the network.
 *
 * <p>Not thread-safe; {@link #requestStop} may be called from another thread (a shutdown hook).
 */
public final class PriorTrainer implements AutoCloseable {

    /** Evaluations without a 0.5 % better validation perplexity before stopping. */
    static final int PATIENCE = 6;
    static final int WARMUP_STEPS = 50;

    /**
     * How training went. Perplexities are those of the kept (best) weights.
     */
    public record Result(int epochs, long steps, double minutes, double stepsPerSecond, double trainLoss,
                         double trainPerplexity, double validationPerplexity, StopReason stoppedBecause) {
    }

    /**
     * @param maxMinutes time budget for the training loop
     * @param maxSteps 0 for no limit (tests set one)
     * @param maxEpochs most evaluations
     */
    public record Budget(double maxMinutes, long maxSteps, int maxEpochs) {
    }

    private final PriorConfig config;
    private final TokenLayout layout;
    private final NDManager manager;
    private final PriorNetwork network;
    private final SplittableRandom random;
    private volatile boolean stopRequested;

    /**
     * @param threads PyTorch intra-op threads for this process. 1 by default: the prior's
     *     matrices are small, and on a busy machine (measured with the machine shared by several
     *     trainings) two OpenMP threads that spin-wait for each other made steps about 9 times
     *     slower than one thread.
     */
    public PriorTrainer(PriorConfig config, TokenLayout layout, long seed, int threads) {
        this.config = config;
        this.layout = layout;
        Engine engine = Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(Math.max(1, threads));
        engine.setRandomSeed((int) seed);
        this.manager = engine.newBaseManager();
        this.random = new SplittableRandom(seed);
        java.util.Random init = new java.util.Random(seed);
        this.network = config.transformer() ? new TransformerPrior(config, layout, manager, init)
                : new GruPrior(config, layout, manager, init);
    }

    public PriorNetwork network() {
        return network;
    }

    public NDManager manager() {
        return manager;
    }

    public void requestStop() {
        stopRequested = true;
    }

    public Result train(int[] trainStream, int[] validationStream, Budget budget, TrainingSink sink) {
        int context = layout.contextTokens();
        if (trainStream.length < context + 1) {
            throw new IllegalArgumentException("the training codes (" + trainStream.length + " tokens) are shorter than"
                    + " one window of the prior's context (" + (context + 1) + " tokens)");
        }
        long tokensPerEpoch = trainStream.length;
        int stepsPerEpoch = (int) Math.max(20, Math.min(400, tokensPerEpoch / ((long) config.batch() * context)));
        long planned = budget.maxSteps() > 0 ? budget.maxSteps() : (long) stepsPerEpoch * budget.maxEpochs();
        sink.accept(new TrainingEvent.Started(Stage.PRIOR, 0, planned, budget.maxMinutes()));
        double budgetSeconds = budget.maxMinutes() * 60;
        long start = System.nanoTime();
        Map<String, NDArray> best = new LinkedHashMap<>();
        double bestValidation = Double.POSITIVE_INFINITY;
        double bestTrainPerplexity = Double.NaN;
        double bestTrainLoss = Double.NaN;
        int sinceBest = 0;
        long step = 0;
        int epoch = 0;
        StopReason stopped = StopReason.EPOCH_LIMIT;
        double lossSum = 0;
        int lossCount = 0;
        NDArray levelMask = levelMask(context);
        try (AdamW optimizer = new AdamW(network.parameters(), config.weightDecay(), manager)) {
            outer:
            while (epoch < budget.maxEpochs()) {
                for (int s = 0; s < stepsPerEpoch; s++) {
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    if (stopRequested) {
                        stopped = StopReason.INTERRUPTED;
                        break outer;
                    }
                    if (elapsed >= budgetSeconds) {
                        stopped = StopReason.TIME_BUDGET;
                        break outer;
                    }
                    if (budget.maxSteps() > 0 && step >= budget.maxSteps()) {
                        stopped = StopReason.STEP_LIMIT;
                        break outer;
                    }
                    double loss = trainStep(optimizer, trainStream, levelMask, learningRate(step, elapsed / budgetSeconds));
                    step++;
                    if (Double.isFinite(loss)) {
                        lossSum += loss;
                        lossCount++;
                    }
                    if (step % 10 == 0) {
                        sink.accept(new TrainingEvent.Step(Stage.PRIOR, step, -1, loss,
                                step / Math.max(1e-9, (System.nanoTime() - start) / 1e9)));
                    }
                }
                epoch++;
                double trainLoss = lossCount == 0 ? Double.NaN : lossSum / lossCount;
                lossSum = 0;
                lossCount = 0;
                double trainPerplexity = perplexity(trainStream, 16);
                double validationPerplexity = perplexity(validationStream, 64);
                boolean improved = validationPerplexity < bestValidation * 0.995;
                if (validationPerplexity < bestValidation) {
                    bestValidation = validationPerplexity;
                    bestTrainPerplexity = trainPerplexity;
                    bestTrainLoss = trainLoss;
                    keep(best);
                }
                sinceBest = improved ? 0 : sinceBest + 1;
                sink.accept(new TrainingEvent.Epoch(Stage.PRIOR, epoch, step, trainLoss, Double.NaN, trainPerplexity,
                        validationPerplexity, validationPerplexity == bestValidation, (System.nanoTime() - start) / 1e9));
                if (sinceBest >= PATIENCE) {
                    stopped = StopReason.EARLY_STOPPING;
                    break;
                }
            }
        } finally {
            levelMask.close();
        }
        if (!best.isEmpty()) {
            restore(best);
        } else {
            bestValidation = perplexity(validationStream, 64);
            bestTrainPerplexity = perplexity(trainStream, 16);
        }
        best.values().forEach(NDArray::close);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(epoch, step, seconds / 60, step / Math.max(1e-9, seconds), bestTrainLoss,
                bestTrainPerplexity, bestValidation, stopped);
    }

    private float learningRate(long step, double budgetFraction) {
        double warm = Math.min(1.0, (step + 1) / (double) WARMUP_STEPS);
        double cosine = 0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, budgetFraction)));
        return (float) (config.learningRate() * warm * cosine);
    }

    private double trainStep(AdamW optimizer, int[] stream, NDArray levelMask, float learningRate) {
        int context = layout.contextTokens();
        int b = config.batch();
        long[] inputs = new long[b * context];
        int[] targets = new int[b * context];
        int starts = (stream.length - 1 - context) / layout.levels() + 1;
        for (int i = 0; i < b; i++) {
            int offset = random.nextInt(starts) * layout.levels();
            fill(stream, offset, context, inputs, targets, i * context);
        }
        // The scope closes every array the step makes, the optimiser's temporaries included (they
        // attach to the parameters' manager, which lives as long as training).
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray x = step.create(inputs, new Shape(b, context));
            NDArray y = step.create(targets, new Shape(b, context));
            double value;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = loss(network.forward(x, true), y, levelMask, config.labelSmoothing());
                value = loss.getFloat();
                collector.backward(loss);
            }
            optimizer.step(learningRate, config.clipNorm());
            return value;
        }
    }

    /** Window inputs (embedding indices) and targets (tokens) from a frame-aligned offset. */
    private void fill(int[] stream, int offset, int length, long[] inputs, int[] targets, int at) {
        for (int p = 0; p < length; p++) {
            inputs[at + p] = layout.embeddingIndex(p % layout.levels(), stream[offset + p]);
            targets[at + p] = stream[offset + p + 1];
        }
    }

    /**
     * Cross-entropy of each target within its level's tokens: the logits of all levels
     * {@code [B, S, L * V]} are reduced to the level of the next position by the mask
     * {@code [S, L, 1]}.
     */
    private NDArray loss(NDArray logits, NDArray targets, NDArray levelMask, float smoothing) {
        NDArray logp = logProbabilities(logits, levelMask);
        NDArray nll = logp.mul(targets.oneHot(layout.tokensPerLevel())).sum(new int[] {-1}).neg();
        if (smoothing <= 0) {
            return nll.mean();
        }
        NDArray uniform = logp.mean(new int[] {-1}).neg();
        return nll.mul(1 - smoothing).add(uniform.mul(smoothing)).mean();
    }

    /** {@code [B, S, V]}: log-probabilities of the next position's tokens, within its level. */
    private NDArray logProbabilities(NDArray logits, NDArray levelMask) {
        long b = logits.getShape().get(0);
        int s = (int) logits.getShape().get(1);
        NDArray perLevel = logits.reshape(b, s, layout.levels(), layout.tokensPerLevel());
        NDArray mask = s == levelMask.getShape().get(0) ? levelMask
                : levelMask.get(new ai.djl.ndarray.index.NDIndex("0:" + s));
        return perLevel.mul(mask).sum(new int[] {2}).logSoftmax(-1);
    }

    /** {@code [S, L, 1]}: 1 at the level of the token that follows position i, {@code (i + 1) % L}. */
    private NDArray levelMask(int s) {
        int levels = layout.levels();
        float[] m = new float[s * levels];
        for (int i = 0; i < s; i++) {
            m[i * levels + (i + 1) % levels] = 1f;
        }
        return manager.create(m, new Shape(s, levels, 1));
    }

    /**
     * Perplexity per code (no smoothing, no dropout) over up to {@code maxWindows} windows that tile
     * the stream from its start; a stream shorter than one window is scored as one shorter window.
     * Only targets that are codes count: start and padding tokens do not, so the figure means the
     * same in every token order (the same codes, in another order).
     */
    public double perplexity(int[] stream, int maxWindows) {
        double[] perLevel = levelPerplexities(stream, maxWindows);
        return perLevel[perLevel.length - 1];
    }

    /**
     * As {@link #perplexity}, per level: {@code [levels + 1]}, the last entry over all levels.
     * Where the orders differ is which levels they make easier.
     */
    public double[] levelPerplexities(int[] stream, int maxWindows) {
        int levels = layout.levels();
        double[] result = new double[levels + 1];
        java.util.Arrays.fill(result, Double.NaN);
        int context = Math.min(layout.contextTokens(), (stream.length - 1) / levels * levels);
        if (context < levels) {
            return result;
        }
        List<Integer> offsets = new ArrayList<>();
        int windows = (stream.length - 1) / context;
        int stride = Math.max(1, windows / maxWindows);
        for (int w = 0; w < windows && offsets.size() < maxWindows; w += stride) {
            offsets.add(w * context);
        }
        double[] nllSum = new double[levels];
        long[] count = new long[levels];
        NDArray mask = levelMask(context);
        try {
            for (int from = 0; from < offsets.size(); from += 16) {
                int n = Math.min(16, offsets.size() - from);
                long[] inputs = new long[n * context];
                int[] targets = new int[n * context];
                for (int i = 0; i < n; i++) {
                    fill(stream, offsets.get(from + i), context, inputs, targets, i * context);
                }
                try (NDScope scope = new NDScope(); NDManager eval = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = eval.create(inputs, new Shape(n, context));
                    NDArray y = eval.create(targets, new Shape(n, context));
                    NDArray logits = network.forward(x, false);
                    NDArray nll = logProbabilities(logits, mask).mul(y.oneHot(layout.tokensPerLevel()))
                            .sum(new int[] {-1}).neg();
                    NDArray codes = y.neq(layout.startToken()).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                    float[] scored = nll.mul(codes).toFloatArray();
                    float[] isCode = codes.toFloatArray();
                    for (int i = 0; i < scored.length; i++) {
                        // The target at window position p is the token after it, of level (p + 1) % L.
                        int level = (i % context + 1) % levels;
                        nllSum[level] += scored[i];
                        count[level] += (long) isCode[i];
                    }
                }
            }
        } finally {
            mask.close();
        }
        double allSum = 0;
        long allCount = 0;
        for (int l = 0; l < levels; l++) {
            result[l] = count[l] == 0 ? Double.NaN : Math.exp(nllSum[l] / count[l]);
            allSum += nllSum[l];
            allCount += count[l];
        }
        result[levels] = allCount == 0 ? Double.NaN : Math.exp(allSum / allCount);
        return result;
    }

    private void keep(Map<String, NDArray> best) {
        best.values().forEach(NDArray::close);
        best.clear();
        for (Map.Entry<String, NDArray> e : network.parameters().entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.detach();
            best.put(e.getKey(), copy);
        }
    }

    private void restore(Map<String, NDArray> best) {
        for (Map.Entry<String, NDArray> e : network.parameters().entrySet()) {
            e.getValue().set(best.get(e.getKey()).toFloatArray());
        }
    }

    @Override
    public void close() {
        network.close();
        manager.close();
    }
}
