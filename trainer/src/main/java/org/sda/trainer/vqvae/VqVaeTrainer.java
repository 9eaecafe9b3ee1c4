package org.sda.trainer.vqvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.training.Stage;
import org.sda.engine.training.StopReason;
import org.sda.engine.training.TrainingEvent;
import org.sda.engine.training.TrainingSink;
import org.sda.trainer.data.Batch;
import org.sda.trainer.data.CropSampler;
import org.sda.trainer.optim.AdamW;

/**
 * Trains the RVQ-VAE on a small dataset: augmented crops, AdamW with gradient clipping, EMA
 * codebooks, validation every epoch, early stopping with the best weights kept, a wall-clock
 * budget, and resumable checkpoints. One thread trains; {@link #requestStop()} may be called from
 * any thread (a shutdown hook) and is honoured after the current step, with a checkpoint.
 */
public final class VqVaeTrainer implements AutoCloseable {

    private static final int STEP_EVENT_EVERY = 10;

    /**
     * Default final learning rate, as a fraction of the first: cosine decay to 5 % over the budget.
     * Measured on 11 ambient pads, 3 minutes: training-clip spectral convergence -9.5 dB against
     * -7.3 dB at a constant rate, which plateaus (noisy loss) and early-stops after about 2.4 minutes.
     */
    public static final double DEFAULT_FINAL_LEARNING_RATE = 0.05;

    private final VqVaeConfig config;
    private final TrainingOptions options;
    private final NDManager manager;
    private final ConvVqVae model;
    private final ResidualQuantizer quantizer;
    private final AdamW optimizer;
    private final ReconstructionLoss loss;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

    private long step;
    private int epoch;
    /** Best early-stopping criterion so far (see {@link #train}). */
    private double bestValidation = Double.POSITIVE_INFINITY;
    private double bestValidationLoss = Double.NaN;
    private boolean lastEpochWasBest;
    private int epochsWithoutImprovement;
    private double previousMinutes;
    private double lastTrainLoss = Double.NaN;
    private Map<String, float[]> bestParams;
    private float[][] bestQuantizer;
    private List<CodebookHealth> lastHealth = List.of();
    /** Experiments only: train and evaluate with the continuous latent, skipping the quantiser. */
    private boolean bypassQuantizer;
    /** Final learning rate as a fraction of the initial one (cosine decay over the budget); 1: constant. */
    private double finalLearningRateFraction = DEFAULT_FINAL_LEARNING_RATE;
    /** Learning rate of the next step. */
    private float currentLearningRate;

    /** The outcome of {@link #train}. */
    public record Result(int epochs, long startStep, long steps, double minutes, double trainLoss,
                         double validationLoss, StopReason stoppedBecause, List<CodebookHealth> health,
                         double stepsPerSecond) {
    }

    public VqVaeTrainer(VqVaeConfig config, TrainingOptions options, int sampleRate, int nFft) {
        if (options.frames() % config.downsample() != 0) {
            throw new IllegalArgumentException("crop frames " + options.frames() + " not a multiple of downsample "
                    + config.downsample());
        }
        this.config = config;
        this.options = options;
        this.manager = Engine.getEngine("PyTorch").newBaseManager();
        Engine.getEngine("PyTorch").setRandomSeed((int) options.seed());
        this.model = new ConvVqVae(config, manager, new SplittableRandom(options.seed()));
        this.quantizer = new ResidualQuantizer(config, manager);
        this.optimizer = new AdamW(model.parameters(), options.weightDecay(), manager);
        this.loss = new ReconstructionLoss(new MelFilterbank(sampleRate, nFft, config.melBands()), manager);
    }

    public ConvVqVae model() {
        return model;
    }

    public ResidualQuantizer quantizer() {
        return quantizer;
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * Experiments only: the decoder reads the encoder's continuous latent (no codes), to separate
     * what the codes cost from what the decoder and the training budget allow. The codebooks stay
     * untrained, so such a model must not be exported.
     */
    public void bypassQuantizer(boolean bypass) {
        bypassQuantizer = bypass;
    }

    public boolean quantizerBypassed() {
        return bypassQuantizer;
    }

    /**
     * Cosine decay of the learning rate from {@link TrainingOptions#learningRate()} to {@code fraction}
     * of it, over whichever budget of this session (minutes, steps, epochs) runs out first; 1 keeps
     * it constant. A resumed session decays again over its own budget.
     */
    public void setLearningRateDecay(double fraction) {
        finalLearningRateFraction = fraction;
    }

    /** How far this session is through its budget, 0–1: the most used of minutes, steps and epochs. */
    private double budgetProgress(double seconds, long startStep) {
        double progress = seconds / 60 / options.maxMinutes();
        if (options.maxSteps() > 0) {
            progress = Math.max(progress, (double) step / options.maxSteps());
        }
        return Math.min(1, Math.max(progress, (double) (step - startStep)
                / ((double) options.epochs() * stepsPerEpoch(null))));
    }

    private float learningRateAt(double seconds, long startStep) {
        if (finalLearningRateFraction >= 1) {
            return options.learningRate();
        }
        double progress = budgetProgress(seconds, startStep);
        double f = finalLearningRateFraction;
        return (float) (options.learningRate() * (f + (1 - f) * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }

    /** Experiments only: see {@link ReconstructionLoss#setWeights}. */
    public void setLossWeights(float spectral, float log) {
        loss.setWeights(spectral, log);
    }

    /** Asks training to stop after the current step and write a checkpoint. Any thread. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /** Waits until {@link #train} has returned (its checkpoint written), at most {@code millis}. */
    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Sets the input normalisation and output bias (mean log-magnitude per bin, or per mel band for a
     * mel decoder) from training clips' features (fresh training only).
     */
    public void initialiseFromData(CropSampler sampler) {
        Batch b = sampler.fixed(4);
        int m = b.melBands();
        int f = b.bins();
        int t = b.frames();
        float[] mean = new float[m];
        double sq = 0;
        for (int i = 0; i < b.size(); i++) {
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < t; j++) {
                    float v = b.logMel()[(i * m + k) * t + j];
                    mean[k] += v;
                }
            }
        }
        for (int k = 0; k < m; k++) {
            mean[k] /= (float) b.size() * t;
        }
        for (int i = 0; i < b.size(); i++) {
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < t; j++) {
                    double d = b.logMel()[(i * m + k) * t + j] - mean[k];
                    sq += d * d;
                }
            }
        }
        float scale = (float) (1 / Math.sqrt(sq / ((double) b.size() * m * t) + 1e-6));
        float[] scales = new float[m];
        java.util.Arrays.fill(scales, scale);
        model.setInputNormalisation(mean, scales);
        if (config.melOutput()) {
            model.setOutputBias(mean.clone());
            return;
        }
        float[] bias = new float[f];
        for (int i = 0; i < b.size(); i++) {
            for (int k = 0; k < f; k++) {
                for (int j = 0; j < t; j++) {
                    bias[k] += b.logMagnitude()[(i * f + k) * t + j];
                }
            }
        }
        for (int k = 0; k < f; k++) {
            bias[k] /= (float) b.size() * t;
        }
        model.setOutputBias(bias);
    }

    /**
     * Trains until the epochs, the time budget, early stopping, {@code maxSteps} or a stop request
     * end it; then restores the best weights and codebooks (unless interrupted).
     *
     * <p>Early stopping and best-weight keeping follow a criterion: the held-out validation loss
     * ({@code validationWeight} 1), the loss on fixed unaugmented training crops (weight 0), or a
     * mix. With 5–100 sounds the held-out files say little: an autoencoder of nine ambient pads
     * does not generalise to the tenth (measured: validation loss rises from epoch 9 while
     * training reconstruction keeps improving for minutes), and stopping on it keeps a barely
     * trained model, while the musician wants their own sounds reconstructed well.
     *
     * @param train sampler over the training clips
     * @param validation fixed validation batch (held-out clips)
     * @param trainingFixed fixed unaugmented crops of the training clips; null to stop on validation alone
     * @param validationWeight weight of the validation loss in the criterion, 0–1
     */
    public Result train(CropSampler train, Batch validation, Batch trainingFixed, double validationWeight,
                        TrainingSink sink) throws IOException {
        long startStep = step;
        long started = System.nanoTime();
        int stepsPerEpoch = stepsPerEpoch(train);
        sink.accept(new TrainingEvent.Started(Stage.VQVAE, step, (long) options.epochs() * stepsPerEpoch,
                options.maxMinutes()));
        RandomGenerator dataRandom = new SplittableRandom(options.seed() * 31 + step);
        RandomGenerator quantRandom = new SplittableRandom(options.seed() * 17 + step + 1);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sda-batches");
            t.setDaemon(true);
            return t;
        });
        StopReason stopped = StopReason.EPOCH_LIMIT;
        double validationLoss = Double.NaN;
        try {
            CompletableFuture<Batch> next = CompletableFuture.supplyAsync(
                    () -> train.next(options.batchSize(), dataRandom), prefetch);
            outer:
            while (epoch < options.epochs()) {
                double lossSum = 0;
                int lossCount = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    Batch batch = next.join();
                    next = CompletableFuture.supplyAsync(() -> train.next(options.batchSize(), dataRandom), prefetch);
                    currentLearningRate = learningRateAt((System.nanoTime() - started) / 1e9, startStep);
                    double value = trainStep(batch, quantRandom);
                    step++;
                    if (Double.isFinite(value)) {
                        lossSum += value;
                        lossCount++;
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    if (step % STEP_EVENT_EVERY == 0) {
                        sink.accept(new TrainingEvent.Step(Stage.VQVAE, step, epoch, value,
                                (step - startStep) / Math.max(seconds, 1e-9)));
                    }
                    if (stopRequested.get()) {
                        stopped = StopReason.INTERRUPTED;
                        break outer;
                    }
                    if (options.maxSteps() > 0 && step >= options.maxSteps()) {
                        stopped = StopReason.STEP_LIMIT;
                        break outer;
                    }
                    if (seconds / 60 >= options.maxMinutes()) {
                        stopped = StopReason.TIME_BUDGET;
                        break outer;
                    }
                }
                lastTrainLoss = lossCount > 0 ? lossSum / lossCount : Double.NaN;
                validationLoss = evaluate(validation);
                double criterion = trainingFixed == null || validationWeight >= 1 ? validationLoss
                        : validationWeight * validationLoss + (1 - validationWeight) * evaluate(trainingFixed);
                epoch++;
                boolean best = Double.isInfinite(bestValidation)
                        || criterion < bestValidation - 1e-4 * Math.abs(bestValidation);
                if (best) {
                    bestValidation = criterion;
                    bestValidationLoss = validationLoss;
                    epochsWithoutImprovement = 0;
                    snapshotBest();
                } else {
                    epochsWithoutImprovement++;
                }
                lastEpochWasBest = best;
                sink.accept(new TrainingEvent.Epoch(Stage.VQVAE, epoch, step, lastTrainLoss, validationLoss, Double.NaN,
                        Double.NaN, best, (System.nanoTime() - started) / 1e9));
                lastHealth = CodebookHealth.of(quantizer.takeEpochCounts(), quantizer.emaUsage(),
                        config.deadThreshold());
                sink.accept(new TrainingEvent.Health(epoch, lastHealth.stream().map(CodebookHealth::toManifest).toList()));
                for (CodebookHealth h : lastHealth) {
                    if (h.low()) {
                        sink.accept(new TrainingEvent.Warning(String.format(java.util.Locale.ROOT,
                                "level %d uses only %.0f%% of its codes", h.level(), 100 * h.utilisation())));
                    }
                }
                if (options.checkpoint() != null) {
                    saveCheckpoint(started);
                    sink.accept(new TrainingEvent.Checkpoint(options.checkpoint().toString(), step));
                }
                // With a decaying rate, a plateau in the first half of the budget is the high rate's
                // noise, not the end of learning (24 tabla hits stopped at 2.4 of 7.5 minutes).
                boolean mayStop = finalLearningRateFraction >= 1
                        || budgetProgress((System.nanoTime() - started) / 1e9, startStep) >= 0.5;
                if (mayStop && epochsWithoutImprovement >= options.patience()) {
                    stopped = StopReason.EARLY_STOPPING;
                    break;
                }
            }
            if (stopped != StopReason.EPOCH_LIMIT && stopped != StopReason.EARLY_STOPPING) {
                if (Double.isNaN(validationLoss) || lastHealth.isEmpty()) {
                    validationLoss = evaluate(validation);
                    lastEpochWasBest = false;
                    lastHealth = CodebookHealth.of(quantizer.takeEpochCounts(), quantizer.emaUsage(),
                            config.deadThreshold());
                }
                if (options.checkpoint() != null) {
                    saveCheckpoint(started);
                    sink.accept(new TrainingEvent.Checkpoint(options.checkpoint().toString(), step));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (stopped != StopReason.INTERRUPTED && bestParams != null && !lastEpochWasBest) {
                restoreBest();
                validationLoss = bestValidationLoss;
            }
            return new Result(epoch, startStep, step, previousMinutes + seconds / 60, lastTrainLoss, validationLoss,
                    stopped, lastHealth, (step - startStep) / Math.max(seconds, 1e-9));
        } finally {
            prefetch.shutdownNow();
            finished.countDown();
        }
    }

    private int stepsPerEpoch(CropSampler sampler) {
        return 25;
    }

    /** One optimisation step; returns the total loss. */
    double trainStep(Batch batch, RandomGenerator random) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logMel = manager.create(batch.logMel(), new Shape(batch.size(), batch.melBands(), batch.frames()));
            NDArray target = manager.create(batch.logMagnitude(), new Shape(batch.size(), batch.bins(), batch.frames()));
            double value;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray latent = model.encode(logMel);
                NDArray total;
                if (bypassQuantizer) {
                    total = reconstructionLoss(model.decode(latent), target, logMel).total();
                } else {
                    ResidualQuantizer.Output q = quantizer.forward(latent, true, random);
                    NDArray predicted = model.decode(q.quantized());
                    ReconstructionLoss.Terms terms = reconstructionLoss(predicted, target, logMel);
                    total = terms.total().add(q.commitmentLoss().mul((float) config.commitmentWeight()));
                }
                value = total.getFloat();
                collector.backward(total);
            }
            if (Double.isFinite(value)) {
                optimizer.step(currentLearningRate > 0 ? currentLearningRate : options.learningRate(), options.clipNorm());
            }
            return value;
        }
    }

    /** The loss on the decoder's output: linear magnitudes, or mel magnitudes for a mel decoder. */
    private ReconstructionLoss.Terms reconstructionLoss(NDArray predicted, NDArray targetMagnitude,
                                                        NDArray targetMel) {
        return config.melOutput() ? loss.computeMel(predicted, targetMel)
                : loss.compute(predicted, targetMagnitude, targetMel);
    }

    /** Reconstruction loss on a fixed batch, without updating anything. */
    public double evaluate(Batch batch) {
        int chunk = 32;
        double sum = 0;
        int n = 0;
        int m = batch.melBands();
        int f = batch.bins();
        int t = batch.frames();
        for (int start = 0; start < batch.size(); start += chunk) {
            int size = Math.min(chunk, batch.size() - start);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                float[] mel = java.util.Arrays.copyOfRange(batch.logMel(), start * m * t, (start + size) * m * t);
                float[] mag = java.util.Arrays.copyOfRange(batch.logMagnitude(), start * f * t, (start + size) * f * t);
                NDArray logMel = manager.create(mel, new Shape(size, m, t));
                NDArray target = manager.create(mag, new Shape(size, f, t));
                NDArray latent = model.encode(logMel);
                NDArray predicted = model.decode(bypassQuantizer ? latent
                        : quantizer.forward(latent, false, null).quantized());
                sum += reconstructionLoss(predicted, target, logMel).total().getFloat() * size;
                n += size;
            }
        }
        return sum / n;
    }

    private void snapshotBest() {
        bestParams = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            bestParams.put(e.getKey(), e.getValue().toFloatArray());
        }
        NDArray[] state = quantizer.state();
        bestQuantizer = new float[state.length][];
        for (int i = 0; i < state.length; i++) {
            bestQuantizer[i] = state[i].toFloatArray();
        }
    }

    private void restoreBest() {
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            e.getValue().set(bestParams.get(e.getKey()));
        }
        NDArray[] state = quantizer.state();
        for (int i = 0; i < state.length; i++) {
            state[i].set(bestQuantizer[i]);
        }
    }

    // ---- checkpoints -------------------------------------------------------------------------

    private void saveCheckpoint(long started) throws IOException {
        Map<String, Checkpoint.Tensor> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            arrays.put("param." + e.getKey(), tensor(e.getValue()));
        }
        arrays.put("norm.mean", tensor(model.melMean()));
        arrays.put("norm.scale", tensor(model.melScale()));
        List<NDArray> moments = optimizer.moments();
        for (int i = 0; i < moments.size(); i++) {
            arrays.put("adam." + i, tensor(moments.get(i)));
        }
        NDArray[] state = quantizer.state();
        for (int i = 0; i < state.length; i++) {
            arrays.put("vq." + i, tensor(state[i]));
        }
        if (bestParams != null) {
            for (Map.Entry<String, float[]> e : bestParams.entrySet()) {
                arrays.put("best." + e.getKey(),
                        new Checkpoint.Tensor(model.parameters().get(e.getKey()).getShape().getShape(), e.getValue()));
            }
            for (int i = 0; i < bestQuantizer.length; i++) {
                arrays.put("bestvq." + i, new Checkpoint.Tensor(state[i].getShape().getShape(), bestQuantizer[i]));
            }
        }
        double minutes = previousMinutes + (System.nanoTime() - started) / 6e10;
        Checkpoint.State s = new Checkpoint.State(config, step, epoch, bestValidation, bestValidationLoss,
                epochsWithoutImprovement, minutes, options.seed(), lastTrainLoss);
        new Checkpoint(s, arrays).write(options.checkpoint());
    }

    private static Checkpoint.Tensor tensor(NDArray a) {
        return new Checkpoint.Tensor(a.getShape().getShape(), a.toFloatArray());
    }

    /** Restores everything {@link #saveCheckpoint} wrote; the configuration must match. */
    public void restore(Checkpoint checkpoint) {
        Checkpoint.State s = checkpoint.state();
        if (!s.config().decoderOutput().equals(config.decoderOutput())) {
            throw new IllegalArgumentException("checkpoint was trained with a " + s.config().decoderOutput()
                    + " decoder, not " + config.decoderOutput() + " (--decoder-output " + s.config().decoderOutput()
                    + " continues it)");
        }
        if (!s.config().equals(config)) {
            throw new IllegalArgumentException("checkpoint was made with another model configuration: " + s.config());
        }
        Map<String, Checkpoint.Tensor> a = checkpoint.arrays();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            e.getValue().set(require(a, "param." + e.getKey()).values());
        }
        model.setInputNormalisation(require(a, "norm.mean").values(), require(a, "norm.scale").values());
        List<NDArray> moments = optimizer.moments();
        for (int i = 0; i < moments.size(); i++) {
            moments.get(i).set(require(a, "adam." + i).values());
        }
        NDArray[] state = quantizer.state();
        for (int i = 0; i < state.length; i++) {
            state[i].set(require(a, "vq." + i).values());
        }
        quantizer.markInitialised();
        if (a.containsKey("bestvq.0")) {
            bestParams = new LinkedHashMap<>();
            for (String name : model.parameters().keySet()) {
                bestParams.put(name, require(a, "best." + name).values());
            }
            bestQuantizer = new float[state.length][];
            for (int i = 0; i < state.length; i++) {
                bestQuantizer[i] = require(a, "bestvq." + i).values();
            }
        }
        step = s.step();
        optimizer.setStepCount(s.step());
        epoch = s.epoch();
        bestValidation = s.bestValidation();
        bestValidationLoss = s.bestValidationLoss();
        epochsWithoutImprovement = s.epochsWithoutImprovement();
        previousMinutes = s.minutes();
        lastTrainLoss = s.lastTrainLoss();
    }

    private static Checkpoint.Tensor require(Map<String, Checkpoint.Tensor> a, String name) {
        Checkpoint.Tensor t = a.get(name);
        if (t == null) {
            throw new IllegalArgumentException("checkpoint lacks " + name);
        }
        return t;
    }

    public long step() {
        return step;
    }

    @Override
    public void close() {
        loss.close();
        optimizer.close();
        quantizer.close();
        model.close();
        manager.close();
    }
}
