package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.generate.CodeGenerator;
import org.sda.engine.generate.CopyRate;
import org.sda.engine.generate.Novelty;
import org.sda.engine.generate.PriorRuntime;
import org.sda.engine.generate.TokenSampler;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda bench prior -m MODEL DATASET...}: the prior alone, on codes (no audio). Novelty: the
 * copy rate of code 8-grams against the training sounds' codes, and the share of distinct
 * 8-grams among the generated ones, over a range of temperatures, next to the same figures for the
 * validation sounds (real sounds the model never trained on). Speed: tokens per second on one
 * thread with the key/value cache and without it (every token re-runs its window's prefix).
 */
@Command(name = "prior", mixinStandardHelpOptions = true,
        description = "Novelty of a model's prior (copy rate vs temperature, diversity) and its speed with and"
                + " without the cache.")
final class BenchPriorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "The dataset the model was trained on.")
    List<Path> paths;

    @Option(names = "--temperatures", split = ",", paramLabel = "T,T,...",
            defaultValue = "0.5,0.7,0.8,0.9,1.0,1.1,1.2", description = "Default: ${DEFAULT-VALUE}.")
    List<Double> temperatures;

    @Option(names = "--sequences", defaultValue = "8", description = "Sequences per temperature (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--frames", defaultValue = "344",
            description = "Code frames per sequence (default: ${DEFAULT-VALUE}, about 4 s).")
    int frames;

    @Option(names = "--seed", defaultValue = "1000", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ImportOptionsMixin importOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SdaModel model = modelOption.read();
        Dataset dataset = BenchSupport.importSet(importOptions, paths);
        List<long[][]> train;
        List<long[][]> validation;
        try (VqVaeRuntime runtime = VqVaeRuntime.open(model)) {
            train = BenchSupport.codes(runtime, dataset.train());
            validation = BenchSupport.codes(runtime, dataset.validation());
        }
        CopyRate index = new CopyRate(train, CopyRate.DEFAULT_N);
        CopyRate coarse = new CopyRate(train.stream().map(c -> new long[][] {c[0]}).toList(), CopyRate.DEFAULT_N);
        SdaManifest.Prior p = model.manifest().prior();
        out.printf(Locale.ROOT, "machine: %s%n", MachineInfo.describe());
        out.printf(Locale.ROOT, "model: %s (%s prior, %d layers x %d, context %d tokens); %d training sounds, %d"
                        + " distinct training %d-grams%n%n", modelOption.name(), p == null ? "no" : p.architecture(),
                p == null ? 0 : p.layers(), p == null ? 0 : p.width(), p == null ? 0 : p.contextTokens(), train.size(),
                index.trainingGrams(), index.n());
        try (PriorRuntime prior = PriorRuntime.open(model, 1)) {
            out.printf(Locale.ROOT, "| %-22s | %9s | %12s | %9s |%n", "codes", "copy rate", "level 0 only",
                    "distinct");
            out.printf(Locale.ROOT, "|%s|%s|%s|%s|%n", "-".repeat(24), "-".repeat(11), "-".repeat(14), "-".repeat(11));
            if (!validation.isEmpty()) {
                double sum = 0;
                double coarseSum = 0;
                int n = 0;
                for (long[][] v : validation) {
                    double r = index.rate(v);
                    if (!Double.isNaN(r)) {
                        int grams = v[0].length - index.n() + 1;
                        sum += r * grams;
                        coarseSum += coarse.rate(new long[][] {v[0]}) * grams;
                        n += grams;
                    }
                }
                out.printf(Locale.ROOT, "| %-22s | %8.1f%% | %11.1f%% | %8.1f%% |%n", "validation sounds",
                        100 * sum / n, 100 * coarseSum / n, 100 * CopyRate.distinctShare(validation, index.n()));
            }
            for (double t : temperatures) {
                Novelty.Result r = Novelty.measure(prior, index, coarse, t, sequences, frames, seed);
                out.printf(Locale.ROOT, "| %-22s | %8.1f%% | %11.1f%% | %8.1f%% |%n", "generated, T = " + t,
                        100 * r.copyRate(), 100 * r.coarseCopyRate(), 100 * r.distinct());
                out.flush();
            }
            out.println();
            speed(out, prior);
        }
        out.flush();
        return 0;
    }

    private void speed(PrintWriter out, PriorRuntime prior) {
        CodeGenerator generator = new CodeGenerator(prior);
        int levels = prior.layout().levels();
        int cachedFrames = Math.max(frames, 2 * prior.layout().contextFrames());
        // Warm-up, then the measured runs.
        generator.generate(32, new TokenSampler(1.0, 0, 1.0, seed), CodeGenerator.FrameListener.NONE);
        long start = System.nanoTime();
        generator.generate(cachedFrames, new TokenSampler(1.0, 0, 1.0, seed), CodeGenerator.FrameListener.NONE);
        double cached = (double) cachedFrames * levels / ((System.nanoTime() - start) / 1e9);
        int plainFrames = Math.min(cachedFrames, prior.layout().contextFrames() + prior.layout().contextFrames() / 2);
        generator.generateWithoutCache(16, new TokenSampler(1.0, 0, 1.0, seed));
        start = System.nanoTime();
        generator.generateWithoutCache(plainFrames, new TokenSampler(1.0, 0, 1.0, seed));
        double plain = (double) plainFrames * levels / ((System.nanoTime() - start) / 1e9);
        out.printf(Locale.ROOT, "| %-34s | %10s | %8s |%n", "prior, one thread", "tokens/s", "ratio");
        out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(36), "-".repeat(12), "-".repeat(10));
        out.printf(Locale.ROOT, "| %-34s | %10.0f | %8s |%n", "with the key/value cache (" + cachedFrames + " frames)",
                cached, String.format(Locale.ROOT, "%.1f×", cached / plain));
        out.printf(Locale.ROOT, "| %-34s | %10.0f | %8s |%n", "without (" + plainFrames + " frames)", plain, "1.0×");
    }
}
