package org.sda.trainer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.DatasetImporter;
import org.sda.engine.dataset.FeatureCache;
import org.sda.engine.dataset.ImportListener;
import org.sda.engine.dataset.ImportOptions;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.dataset.SizeClass;
import org.sda.engine.generate.CopyRate;
import org.sda.engine.generate.Novelty;
import org.sda.engine.generate.PriorRuntime;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.trainer.export.PriorExporter;
import org.sda.trainer.export.PriorModelWriter;
import org.sda.trainer.prior.CodeCorpus;
import org.sda.trainer.prior.PriorConfig;
import org.sda.trainer.prior.PriorTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The prior trainer: encodes a model's dataset with the model's own encoder and quantiser, trains
 * the autoregressive prior on those frozen codes, checks it for memorisation, and stores it in the
 * same {@code .sda} (atomically; the RVQ-VAE's entries are copied unchanged). {@code sda
 * train-prior} runs it in its own JVM; {@code sda train} runs it after the RVQ-VAE unless told not
 * to. Exit codes: 0 done, 1 error, 2 bad usage, 130 interrupted (nothing written).
 */
@Command(name = "sda-train-prior", mixinStandardHelpOptions = true,
        description = "Train the prior of a model (what makes it generate new sounds) and store it in the model file.")
public final class PriorMain implements Callable<Integer> {

    /** Copy rate above which the prior is said to replay its training sounds. */
    public static final double COPY_RATE_WARNING = 0.5;
    /** Validation perplexity below which the prior is said to be near-deterministic. */
    public static final double PERPLEXITY_WARNING = 1.5;

    /** What a run produced: exit code, the model written (null unless written), how it went. */
    public record PriorResult(int exitCode, Path model, PriorTrainer.Result training, double copyRate) {
    }

    enum ProgressMode { human, json }

    @Parameters(index = "0", paramLabel = "MODEL.sda", description = "A model trained with sda train.")
    Path model;

    @Option(names = "--data", arity = "1..*", paramLabel = "PATH",
            description = "The sounds (files or folders); default: the ones the model was trained on, as its manifest"
                    + " records them.")
    List<Path> data = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.sda", description = "Write here instead of updating MODEL.sda.")
    Path output;

    @Option(names = "--architecture", defaultValue = "auto",
            description = "auto, transformer or gru (default: ${DEFAULT-VALUE}: chosen by dataset size).")
    String architecture;

    @Option(names = "--token-order", defaultValue = PriorConfig.DEFAULT_TOKEN_ORDER,
            description = "flat or delay: the order of the codes in the prior's token stream (default:"
                    + " ${DEFAULT-VALUE}, measured best; see docs/BENCHMARKS.md).")
    String tokenOrder;

    @Option(names = "--context-frames", paramLabel = "N", description = "Code frames the prior sees (default by dataset size).")
    Integer contextFrames;

    @Option(names = "--layers", paramLabel = "N", description = "Layers (default by dataset size).")
    Integer layers;

    @Option(names = "--width", paramLabel = "N", description = "Model width (default by dataset size).")
    Integer width;

    @Option(names = "--heads", paramLabel = "N", description = "Attention heads (default by dataset size).")
    Integer heads;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout (default by dataset size).")
    Float dropout;

    @Option(names = "--max-minutes", paramLabel = "M",
            description = "Time budget of the training loop (default: 3.5 for up to 20 sounds, 8 above).")
    Double maxMinutes;

    @Option(names = "--max-steps", paramLabel = "S", defaultValue = "0", hidden = true)
    long maxSteps;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "200", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "PyTorch threads (default: ${DEFAULT-VALUE}; the prior is small, and one thread is much faster"
                    + " on a busy machine).")
    int threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--progress", defaultValue = "human", description = "human or json (default: ${DEFAULT-VALUE}).")
    ProgressMode progress;

    @Option(names = "--no-cache", description = "Import without the feature cache.")
    boolean noCache;

    @Option(names = "--check-frames", defaultValue = "256", hidden = true,
            description = "Code frames per sampled sequence of the copy-rate check (4 sequences).")
    int checkFrames;

    private PrintWriter out;
    private PriorResult result;
    private volatile PriorTrainer running;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        PriorMain main = new PriorMain();
        Thread hook = new Thread(main::interrupt, "sda-train-prior-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PriorResult r = main.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // exiting on a signal: the hook stops training
        }
        System.exit(r.exitCode());
    }

    /** Runs in this JVM (tests, and {@code sda train} after the RVQ-VAE). */
    public static PriorResult run(PrintWriter out, PrintWriter err, String... args) {
        return new PriorMain().execute(out, err, args);
    }

    PriorResult execute(PrintWriter stdout, PrintWriter stderr, String... args) {
        this.out = stdout;
        CommandLine cmd = new CommandLine(this);
        cmd.setOut(stdout);
        cmd.setErr(stderr);
        int code = cmd.execute(args);
        return result != null ? new PriorResult(code, result.model(), result.training(), result.copyRate())
                : new PriorResult(code, null, null, Double.NaN);
    }

    void interrupt() {
        PriorTrainer t = running;
        if (t != null) {
            t.requestStop();
        }
    }

    @Override
    public Integer call() {
        double budget = maxMinutes != null ? maxMinutes : 3.5;
        try (PriorProgress progress = new PriorProgress(out, this.progress == ProgressMode.json, budget)) {
            try {
                return train(progress);
            } catch (Exception e) {
                if (Boolean.getBoolean("sda.trainer.trace")) {
                    e.printStackTrace();
                }
                progress.error(e.getMessage() != null ? e.getMessage() : e.toString());
                return 1;
            }
        }
    }

    private int train(PriorProgress progress) throws Exception {
        if (!architecture.equals("auto") && !architecture.equals(SdaManifest.Prior.TRANSFORMER)
                && !architecture.equals(SdaManifest.Prior.GRU)) {
            throw new IllegalArgumentException("--architecture must be auto, transformer or gru");
        }
        if (!tokenOrder.equals(SdaManifest.Prior.FLAT) && !tokenOrder.equals(SdaManifest.Prior.DELAY)) {
            throw new IllegalArgumentException("--token-order must be flat or delay");
        }
        SdaModel base = SdaModelFile.read(model);
        List<Path> inputs = data.isEmpty() ? recordedSources(base) : data;
        ImportOptions importOptions = ImportOptions.defaults();
        Dataset dataset = new DatasetImporter(importOptions, noCache ? null : FeatureCache.atDefaultLocation(),
                DatasetImporter.defaultThreads()).importFrom(inputs, ImportListener.NONE);
        if (dataset.train().isEmpty()) {
            throw new IllegalArgumentException("no usable sounds in " + inputs + " (sda dataset inspect shows why)");
        }
        Set<String> known = new HashSet<>(base.manifest().dataset().contentHashes());
        long matching = dataset.clips().stream().filter(c -> known.contains(c.report().contentHash())).count();
        if (!known.isEmpty() && matching < dataset.clips().size()) {
            progress.warning(String.format(Locale.ROOT, "%d of the %d sounds in %s are not among the sounds %s was"
                    + " trained on; its codes may fit them less well", dataset.clips().size() - matching,
                    dataset.clips().size(), inputs, model.getFileName()));
        }
        SizeClass size = dataset.summary().sizeClass();
        CodeCorpus corpus;
        try (VqVaeRuntime runtime = VqVaeRuntime.open(base)) {
            corpus = CodeCorpus.encode(runtime, dataset.train(), dataset.validation());
        }
        PriorConfig config = PriorConfig.forDataset(size, corpus.trainFrames(),
                architecture.equals("auto") ? null : architecture);
        if (layers != null || width != null || heads != null) {
            config = config.withShape(layers != null ? layers : config.layers(), width != null ? width : config.width(),
                    heads != null ? heads : config.heads());
        }
        if (dropout != null) {
            config = config.withDropout(dropout);
        }
        int frames = contextFrames != null ? contextFrames : config.contextFrames();
        // Tiny sets: a window must fit in the codes several times over.
        int fitting = (int) Math.max(4, corpus.trainFrames() / 4);
        config = config.withContextFrames(Math.min(frames, fitting));
        double budget = maxMinutes != null ? maxMinutes : size.ordinal() <= SizeClass.SMALL.ordinal() ? 3.5 : 8;
        progress.budget(budget);
        TokenLayout.Order order = TokenLayout.Order.of(tokenOrder);
        TokenLayout layout = config.layout(corpus.levels(), corpus.codebookSize(), order);
        int[] trainStream = corpus.trainStream(layout);
        int[] validationStream = corpus.validationStream(layout);
        progress.info(String.format(Locale.ROOT, "%d sounds (%d for validation), %d code frames; prior: %s, %s order",
                corpus.train().size() + corpus.validation().size(), corpus.validation().size(), corpus.trainFrames(),
                config.describe(), order.manifestName()));
        try (PriorTrainer trainer = new PriorTrainer(config, layout, seed, threads)) {
            running = trainer;
            PriorTrainer.Result r;
            try {
                r = trainer.train(trainStream, validationStream, new PriorTrainer.Budget(budget, maxSteps, epochs),
                        progress);
            } finally {
                running = null;
            }
            if (r.stoppedBecause().equals(PriorTrainer.INTERRUPTED)) {
                progress.info("interrupted: nothing written");
                result = new PriorResult(130, null, r, Double.NaN);
                return 130;
            }
            progress.close();
            double[] perLevel = trainer.levelPerplexities(validationStream, 64);
            StringBuilder levelsLine = new StringBuilder("validation perplexity per level (coarse to fine):");
            for (int l = 0; l < perLevel.length - 1; l++) {
                levelsLine.append(String.format(Locale.ROOT, " %.2f", perLevel[l]));
            }
            progress.info(levelsLine.append(String.format(Locale.ROOT, "; all %.2f", perLevel[perLevel.length - 1]))
                    .toString());
            byte[] onnx = PriorExporter.export(trainer.network());
            List<String> warnings = new ArrayList<>();
            if (r.validationPerplexity() < PERPLEXITY_WARNING) {
                warnings.add(String.format(Locale.ROOT, "validation perplexity %.2f is below %.1f: the prior is nearly"
                        + " certain of every code and will mostly replay the training sounds", r.validationPerplexity(),
                        PERPLEXITY_WARNING));
            }
            SdaManifest.Prior draft = PriorModelWriter.describe(trainer.network(), null);
            SdaModel candidate = PriorModelWriter.withPrior(base, draft, onnx);
            Novelty.Result novelty;
            try (PriorRuntime prior = PriorRuntime.open(candidate, 1)) {
                novelty = Novelty.measure(prior, new CopyRate(corpus.train(), CopyRate.DEFAULT_N), 1.0, 4,
                        checkFrames, seed);
            }
            if (novelty.copyRate() > COPY_RATE_WARNING) {
                warnings.add(String.format(Locale.ROOT, "%.0f%% of the code %d-grams it generates at temperature 1 are"
                        + " copied from the training sounds (above %.0f%%): it is memorising them; more sounds, a"
                        + " shorter --max-minutes or more --dropout help", 100 * novelty.copyRate(), CopyRate.DEFAULT_N,
                        100 * COPY_RATE_WARNING));
            }
            warnings.forEach(progress::warning);
            SdaManifest.PriorTraining summary = new SdaManifest.PriorTraining(r.epochs(), r.steps(), r.minutes(), seed,
                    r.trainPerplexity(), r.validationPerplexity(), novelty.copyRate(), r.stoppedBecause(), warnings);
            SdaModel finished = PriorModelWriter.withPrior(base, PriorModelWriter.describe(trainer.network(), summary),
                    onnx);
            Path target = output != null ? output : model;
            PriorModelWriter.write(target, finished);
            result = new PriorResult(0, target, r, novelty.copyRate());
            ObjectNode fields = PriorProgress.fields().put("model", target.toString())
                    .put("architecture", config.architecture()).put("stoppedBecause", r.stoppedBecause())
                    .put("epochs", r.epochs()).put("steps", r.steps()).put("minutes", r.minutes())
                    .put("trainPerplexity", r.trainPerplexity()).put("validationPerplexity", r.validationPerplexity())
                    .put("copyRate", novelty.copyRate()).put("distinct", novelty.distinct());
            progress.done(fields);
            progress.info(String.format(Locale.ROOT, "prior done (%s): %d epochs, %d steps, %.1f min; perplexity train"
                    + " %.2f, validation %.2f; copy rate of %d-grams at temperature 1: %.0f%%", r.stoppedBecause(),
                    r.epochs(), r.steps(), r.minutes(), r.trainPerplexity(), r.validationPerplexity(), CopyRate.DEFAULT_N,
                    100 * novelty.copyRate()));
            progress.info("wrote " + target + "  (generate with: sda generate -m " + target + " -o OUT_FOLDER)");
            return 0;
        }
    }

    private List<Path> recordedSources(SdaModel base) {
        List<String> sources = base.manifest().dataset().sources();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(model + " does not record where its sounds are (it was trained by an"
                    + " older version); give them with --data FOLDER");
        }
        List<Path> paths = sources.stream().map(Path::of).toList();
        List<Path> missing = paths.stream().filter(p -> !Files.exists(p)).toList();
        if (missing.size() == paths.size()) {
            throw new IllegalArgumentException(model + " was trained on " + sources + ", which no longer exist"
                    + (missing.size() == 1 ? "s" : "") + "; give the sounds with --data FOLDER");
        }
        return paths.stream().filter(Files::exists).toList();
    }
}
