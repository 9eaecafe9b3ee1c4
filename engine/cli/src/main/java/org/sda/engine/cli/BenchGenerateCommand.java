package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.dsp.DecayShape;
import org.sda.engine.dsp.FrechetDistance;
import org.sda.engine.dsp.JumpRate;
import org.sda.engine.generate.CopyRate;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.SpectralFlux;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.generate.ChunkPlan;
import org.sda.engine.generate.CodeGenerator;
import org.sda.engine.generate.DecayGuide;
import org.sda.engine.generate.GenerationSettings;
import org.sda.engine.generate.TokenSampler;
import org.sda.engine.generate.Generator;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sda bench generate -m MODEL DATASET... [--other SET]}: the whole generation path (prior,
 * decoder, phase reconstruction, overlap-add). Speed: real-time factor of a batch of variations on
 * all cores, and of one long sound. Seams: spectral flux at the chunk joins of a long sound, next
 * to the same statistic at the middle of each chunk (the control). Belonging: the Fréchet distance
 * between the log-mel frame statistics of generated sounds and of the training sounds, next to the
 * distance between two halves of the training set (the floor) and between the set and another set
 * (the ceiling, with {@code --other}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Speed, seams and Fréchet distance of generation from a model with a prior.")
final class BenchGenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptionMixin modelOption;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "The dataset the model was trained on.")
    List<Path> paths;

    @Option(names = "--other", arity = "1..*", paramLabel = "PATH", description = "A different set (the ceiling).")
    List<Path> other = new ArrayList<>();

    @Option(names = "--count", defaultValue = "8", description = "Variations in the batch (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Seconds per variation (default: the set's mean length for a set of one-shots, else 8).")
    Double secondsOption;

    @Option(names = "--top-k", paramLabel = "K", description = "Top-k (default: the generator's default).")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "Top-p (default: the generator's default).")
    Double topP;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the batch's sounds as WAV files here.")
    Path outDir;

    @Option(names = "--long", defaultValue = "60", description = "Seconds of the long sound (default: ${DEFAULT-VALUE}).")
    double longSeconds;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--decay", paramLabel = "S",
            description = "Strength of the guide that keeps one-shots decaying (default: the generator's, "
                    + DecayGuide.DEFAULT_STRENGTH + "; 0: none).")
    Double decayOption;

    @Option(names = "--seed", defaultValue = "2000", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    ImportOptionsMixin importOptions;

    /** Griffin-Lim iterations of the generation path before issue 15, timed beside today's. */
    static final int FORMER_ITERATIONS = org.sda.engine.dsp.GriffinLim.CEILING_ITERATIONS;

    /** Timed repetitions of each speed figure; the median is reported. */
    static final int TIMED_RUNS = 5;

    /**
     * Untimed repetitions run for at least this long before each speed figure. A batch of short
     * one-shots takes a tenth of a second, so five of them after the first still ran while the JIT
     * compiled the DSP: the figure was half of what a generator that lives for a session (the app,
     * the instrument) runs at.
     */
    static final double WARM_UP_SECONDS = 3;

    private static double medianSeconds(Runnable work) {
        long warmUpEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        do {
            work.run();
        } while (System.nanoTime() < warmUpEnd);
        double[] seconds = new double[TIMED_RUNS];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        java.util.Arrays.sort(seconds);
        return seconds[seconds.length / 2];
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SdaModel model = modelOption.read();
        SdaManifest.Audio a = model.manifest().audio();
        StftConfig stft = new StftConfig(a.nFft(), a.hop());
        LogMel logMel = new LogMel(stft, new MelFilterbank(a.sampleRate(), a.nFft(), a.melBands()));
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "machine: %s%n", MachineInfo.describe());
        out.printf(Locale.ROOT, "model: %s, temperature %s, %d threads%n%n", modelOption.name(), temperature,
                cores);
        List<AudioBuffer> batch;
        Generator.Generated longOne;
        double batchWall;
        double longWall;
        double priorOnly;
        double decodeOnly;
        List<Generator.Generated> generatedAll;
        double formerWall;
        double seconds = secondsOption != null ? secondsOption
                : Generator.isOneShotSet(model.manifest()) ? Generator.defaultSeconds(model.manifest()) : 8;
        GenerationSettings defaults = GenerationSettings.defaults();
        GenerationSettings settings = new GenerationSettings(seconds, temperature,
                topK != null ? topK : defaults.topK(), topP != null ? topP : defaults.topP(), seed);
        out.printf(Locale.ROOT, "sampling: %s; the model's temperature 1 is %.2f (absolute %.2f)%n%n", settings,
                Generator.temperatureScale(model.manifest()),
                temperature * Generator.temperatureScale(model.manifest()));
        double coldWall;
        try (Generator generator = Generator.open(model)) {
            if (decayOption != null) {
                try {
                    generator.setDecay(decayOption);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--decay " + e.getMessage());
                }
            }
            out.printf(Locale.ROOT, "one-shots: %s, decay guide %s, continuity %s%n%n", generator.oneShots(),
                    generator.decay(), generator.continuity());
            // The first batch in a fresh JVM runs partly interpreted while the JIT compiles the DSP:
            // timed and shown apart. The speed figures are the median of repeated batches after it,
            // what a long-lived generator (the app, the instrument) runs at.
            long start = System.nanoTime();
            generator.generateAll(settings, count, Generator.Listener.NONE, generator.decoder());
            coldWall = (System.nanoTime() - start) / 1e9;
            List<List<Generator.Generated>> kept = new ArrayList<>();
            batchWall = medianSeconds(() -> kept.add(
                    generator.generateAll(settings, count, Generator.Listener.NONE, generator.decoder())));
            generatedAll = kept.get(0);
            batch = generatedAll.stream().map(Generator.Generated::audio).toList();
            // Today's path before issue 15, in the same run: Griffin-Lim with 32 iterations.
            formerWall = medianSeconds(() -> generator.generateAll(settings, count, Generator.Listener.NONE,
                    generator.decoder().withIterations(FORMER_ITERATIONS)));
            List<Generator.Generated> longKept = new ArrayList<>();
            longWall = medianSeconds(() -> longKept.add(generator.generateOne(
                    settings.withSeconds(longSeconds).withSeed(seed + 77), 0, Generator.Listener.NONE,
                    generator.decoder())));
            longOne = longKept.get(0);
            // The two halves of the path alone, on one thread: the prior for 10 s of codes, and the
            // decoder with Griffin-Lim for the long sound's codes, chunk after chunk.
            int frames = generator.framesFor(10);
            start = System.nanoTime();
            new CodeGenerator(generator.prior()).generate(frames, new TokenSampler(
                    temperature * Generator.temperatureScale(model.manifest()), 0, 1.0, seed),
                    CodeGenerator.FrameListener.NONE);
            priorOnly = 10 / ((System.nanoTime() - start) / 1e9);
            long[][] codes = longOne.codes();
            ChunkPlan plan = ChunkPlan.of(codes[0].length, generator.decoder().samplesPerFrame());
            start = System.nanoTime();
            for (int i = 0; i < plan.chunks(); i++) {
                long[][] chunk = new long[codes.length][];
                for (int l = 0; l < codes.length; l++) {
                    chunk[l] = java.util.Arrays.copyOfRange(codes[l], plan.decodeStart(i), plan.decodeEnd(i));
                }
                generator.decoder().decode(chunk);
            }
            // Seconds of the codes decoded: a one-shot model's prior may have ended the long sound early.
            double codedSeconds = (double) codes[0].length * generator.decoder().samplesPerFrame() / generator.sampleRate();
            decodeOnly = codedSeconds / ((System.nanoTime() - start) / 1e9);
        }
        out.printf(Locale.ROOT, "| %-44s | %8s | %8s | %12s |%n", "generation (prior + decoder + Griffin-Lim)",
                "audio s", "wall s", "x real time");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(10), "-".repeat(10), "-".repeat(14));
        out.printf(Locale.ROOT, "| %-44s | %8.1f | %8.2f | %12.1f |%n",
                String.format(Locale.ROOT, "%d variations of %.2f s, in parallel", count, seconds), count * seconds, batchWall,
                count * seconds / batchWall);
        double made = batch.stream().mapToDouble(AudioBuffer::durationSeconds).sum();
        if (made < count * seconds - 1e-6) {
            // One-shots the prior ended are shorter than asked: the speed of the sound made, beside.
            out.printf(Locale.ROOT, "| %-44s | %8.1f | %8.2f | %12.1f |%n", "the same, counting the sound made",
                    made, batchWall, made / batchWall);
        }
        out.printf(Locale.ROOT, "| %-44s | %8.1f | %8.2f | %12.1f |%n",
                "the same, former path (Griffin-Lim " + FORMER_ITERATIONS + ")", count * seconds, formerWall,
                count * seconds / formerWall);
        out.printf(Locale.ROOT, "| %-44s | %8.1f | %8.2f | %12.1f |%n", "the first batch in this JVM (JIT warming up)",
                count * seconds, coldWall, count * seconds / coldWall);
        out.printf(Locale.ROOT, "speed-up over the former path, same run: %.2fx (medians of %d batches after %.0f s of "
                        + "untimed ones)%n", formerWall / batchWall, TIMED_RUNS, WARM_UP_SECONDS);
        out.printf(Locale.ROOT, "| %-44s | %8.1f | %8.2f | %12.1f |%n", "one sound of " + longSeconds + " s",
                longSeconds, longWall, longSeconds / longWall);
        out.printf(Locale.ROOT, "%nparts alone, one thread: prior %.1fx real time, decoder + Griffin-Lim (with chunk"
                + " margins) %.1fx real time%n%n", priorOnly, decodeOnly);

        float[] signal = longOne.audio().samples();
        int[] joins = longOne.joinSamples();
        int[] middles = new int[joins.length + 1];
        int core = joins.length > 0 ? joins[0] : signal.length; // samples per chunk
        for (int i = 0; i < middles.length; i++) {
            middles[i] = Math.min(signal.length - 1, i * core + core / 2);
        }
        SpectralFlux.SeamReport atJoins = SpectralFlux.seams(signal, stft, joins);
        SpectralFlux.SeamReport control = SpectralFlux.seams(signal, stft, middles);
        out.printf(Locale.ROOT, "seams of the %.0f s sound: %d joins; flux = the largest spectral flux within a"
                + " window's reach of the position%n%n", longSeconds, joins.length);
        out.printf(Locale.ROOT, "| %-34s | %8s | %8s | %8s |%n", "positions", "median", "p90", "max");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%n", "-".repeat(36), "-".repeat(10), "-".repeat(10), "-".repeat(10));
        out.printf(Locale.ROOT, "| %-34s | %8.3f | %8.3f | %8.3f |%n", "chunk joins", atJoins.joinQuantile(0.5),
                atJoins.joinQuantile(0.9), atJoins.joinQuantile(1.0));
        out.printf(Locale.ROOT, "| %-34s | %8.3f | %8.3f | %8.3f |%n", "chunk middles (control)",
                control.joinQuantile(0.5), control.joinQuantile(0.9), control.joinQuantile(1.0));
        out.printf(Locale.ROOT, "| %-34s | %8.3f | %8.3f | %8.3f |%n", "every frame away from joins",
                atJoins.insideQuantile(0.5), atJoins.insideQuantile(0.9), atJoins.insideQuantile(1.0));
        out.printf(Locale.ROOT, "%nshare of single frames below the median join flux: %.0f%%; below the largest: %.1f%%%n%n",
                100 * atJoins.insideRank(atJoins.joinQuantile(0.5)), 100 * atJoins.insideRank(atJoins.joinQuantile(1.0)));

        Dataset dataset = BenchSupport.importSet(importOptions, paths);
        List<ImportedClip> clips = dataset.clips();
        printFlow(out, model, dataset, generatedAll, settings);
        // A reference measured in the same run, so that figures from a busy machine can be compared
        // with quiet ones: Griffin-Lim (32 iterations) alone on one core, on the longest clip.
        ImportedClip longest = clips.stream().max(java.util.Comparator.comparingInt(c -> c.audio().length))
                .orElseThrow();
        for (org.sda.engine.cli.bench.DspBenchmark.Result r : new org.sda.engine.cli.bench.DspBenchmark(stft, 1, 3)
                .run(longest.audio(), a.sampleRate())) {
            if (r.name().startsWith("griffin-lim")) {
                out.printf(Locale.ROOT, "reference in this run: %s on one core, %.1fx real time (%s, %.1f s)%n%n",
                        r.name(), r.realTimeFactor(), longest.report().file().getFileName(), r.audioSeconds());
            }
        }
        // Floor: the set against itself, as alternate 1-second segments of every clip (both halves
        // hold every sound); and, for a heterogeneous small set, alternate whole clips.
        List<float[][]> segmentsA = new ArrayList<>();
        List<float[][]> segmentsB = new ArrayList<>();
        List<float[][]> halfA = new ArrayList<>();
        List<float[][]> halfB = new ArrayList<>();
        int segment = a.sampleRate() / a.hop();
        int flip = 0;
        for (int i = 0; i < clips.size(); i++) {
            float[][] mel = logMel.logMel(clips.get(i).audio());
            (i % 2 == 0 ? halfA : halfB).add(mel);
            for (int from = 0; from < mel.length; from += segment) {
                (flip++ % 2 == 0 ? segmentsA : segmentsB).add(
                        java.util.Arrays.copyOfRange(mel, from, Math.min(mel.length, from + segment)));
            }
        }
        List<float[][]> generated = new ArrayList<>();
        for (AudioBuffer b : batch) {
            generated.add(logMel.logMel(b.samples()));
        }
        FrechetDistance.Statistics trainStats = FrechetDistance.statistics(modelLogMels(logMel, clips));
        FrechetDistance.Statistics generatedStats = FrechetDistance.statistics(generated);
        // What the codec alone costs: the set's own codes decoded the way generation decodes them
        // (up to 16 clips), so the prior's share of the distance can be told from the decoder's.
        List<float[][]> reconstructed = new ArrayList<>();
        try (org.sda.engine.inference.VqVaeRuntime runtime = org.sda.engine.inference.VqVaeRuntime.open(model)) {
            org.sda.engine.generate.ChunkDecoder decoder = new org.sda.engine.generate.ChunkDecoder(runtime);
            int stride = Math.max(1, clips.size() / 16); // spread over the set, which may be sorted by kind
            for (int i = 0; i < clips.size() && reconstructed.size() < 16; i += stride) {
                ImportedClip clip = clips.get(i);
                long[][] codes = runtime.codesOfAudio(clip.audio());
                if (codes[0].length >= 2) {
                    reconstructed.add(logMel.logMel(decoder.decode(codes)));
                }
            }
        }
        out.printf(Locale.ROOT, "| %-46s | %10s |%n", "Fréchet distance of log-mel frame statistics", "d²");
        out.printf(Locale.ROOT, "|%s|%s|%n", "-".repeat(48), "-".repeat(12));
        out.printf(Locale.ROOT, "| %-46s | %10.1f |%n", "alternate 1-s segments of the set (floor)",
                FrechetDistance.distance(FrechetDistance.statistics(segmentsA), FrechetDistance.statistics(segmentsB)));
        out.printf(Locale.ROOT, "| %-46s | %10.1f |%n", "alternate clips of the set",
                FrechetDistance.distance(FrechetDistance.statistics(halfA), FrechetDistance.statistics(halfB)));
        out.printf(Locale.ROOT, "| %-46s | %10.1f |%n", "the set's own codes decoded (" + reconstructed.size()
                + " clips) vs the set", FrechetDistance.distance(FrechetDistance.statistics(reconstructed), trainStats));
        out.printf(Locale.ROOT, "| %-46s | %10.1f |%n",
                String.format(Locale.ROOT, "generated (%d x %.2f s) vs the set", count, seconds),
                FrechetDistance.distance(generatedStats, trainStats));
        if (!other.isEmpty()) {
            Dataset otherSet = BenchSupport.importSet(importOptions, other);
            FrechetDistance.Statistics otherStats = FrechetDistance.statistics(modelLogMels(logMel, otherSet.clips()));
            out.printf(Locale.ROOT, "| %-46s | %10.1f |%n", "the set vs " + other + " (ceiling)",
                    FrechetDistance.distance(trainStats, otherStats));
            out.printf(Locale.ROOT, "| %-46s | %10.1f |%n", "generated vs " + other,
                    FrechetDistance.distance(generatedStats, otherStats));
        }
        out.flush();
        return 0;
    }

    /**
     * Jumps (issue 15's definition, {@link JumpRate}) of the batch against the set's own rate, and
     * the 8-gram copy rate of its codes against the training sounds' codes.
     */
    private void printFlow(PrintWriter out, SdaModel model, Dataset dataset, List<Generator.Generated> generated,
                           GenerationSettings settings) throws Exception {
        int rate = model.manifest().audio().sampleRate();
        List<float[]> train = dataset.train().stream().map(ImportedClip::audio).toList();
        JumpRate jumps = JumpRate.of(train.isEmpty() ? dataset.clips().stream().map(ImportedClip::audio).toList()
                : train, rate);
        List<float[]> sounds = generated.stream().map(g -> g.audio().samples()).toList();
        List<long[][]> trainCodes;
        List<long[][]> validationCodes;
        try (VqVaeRuntime runtime = VqVaeRuntime.open(model)) {
            java.util.function.Function<ImportedClip, long[][]> encode = c -> runtime.codesOfAudio(c.audio());
            trainCodes = (dataset.train().isEmpty() ? dataset.clips() : dataset.train()).stream().map(encode).toList();
            validationCodes = dataset.validation().stream().map(encode).toList();
        }
        CopyRate all = new CopyRate(trainCodes, CopyRate.DEFAULT_N);
        CopyRate coarse = new CopyRate(trainCodes.stream().map(c -> new long[][] {c[0]}).toList(), CopyRate.DEFAULT_N);
        double copyAll = generated.stream().mapToDouble(g -> all.rate(g.codes())).filter(Double::isFinite)
                .average().orElse(Double.NaN);
        double copyCoarse = generated.stream().mapToDouble(g -> coarse.rate(new long[][] {g.codes()[0]}))
                .filter(Double::isFinite).average().orElse(Double.NaN);
        double validationCoarse = validationCodes.stream().mapToDouble(c -> coarse.rate(new long[][] {c[0]}))
                .filter(Double::isFinite).average().orElse(Double.NaN);
        double meanSeconds = sounds.stream().mapToDouble(x -> x.length / (double) rate).average().orElse(0);
        out.printf(Locale.ROOT, "flow and novelty: %d variations, %.2f s each (set's mean length %.2f s%s)%n%n",
                sounds.size(), meanSeconds, Generator.meanSoundSeconds(model.manifest()),
                Generator.isOneShotSet(model.manifest()) ? ", a set of one-shots" : "");
        out.printf(Locale.ROOT, "| %-44s | %10s | %14s |%n", "measure", "generated", "the set");
        out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(46), "-".repeat(12), "-".repeat(16));
        double generatedRate = jumps.rate(sounds);
        out.printf(Locale.ROOT, "| %-44s | %10.2f | %14.2f |%n", "jumps per second (threshold " + String.format(
                Locale.ROOT, "%.2f", jumps.threshold()) + " dB)", generatedRate, jumps.ownRate());
        out.printf(Locale.ROOT, "| %-44s | %10.1f%% | %14s |%n", "8-gram copy rate, coarse level", 100 * copyCoarse,
                Double.isFinite(validationCoarse) ? String.format(Locale.ROOT, "%.1f%% (held-out)",
                        100 * validationCoarse) : "");
        out.printf(Locale.ROOT, "| %-44s | %10.1f%% | %14s |%n", "8-gram copy rate, all levels", 100 * copyAll, "");
        DecayShape made = DecayShape.summary(sounds, rate);
        DecayShape own = DecayShape.summary(dataset.clips().stream().map(ImportedClip::audio).toList(), rate);
        if (Generator.isOneShotSet(model.manifest()) && made != null && own != null) {
            // How one-shots die away: the set's clips beside the batch (medians; the share is a mean).
            out.printf(Locale.ROOT, "| %-44s | %7.1f dB | %11.1f dB |%n", "fall from the loudest 50 ms to the end",
                    made.fallDb(), own.fallDb());
            out.printf(Locale.ROOT, "| %-44s | %10.1f%% | %13.1f%% |%n", "50-ms steps after it not rising 1.5 dB",
                    100 * made.notRising(), 100 * own.notRising());
            out.printf(Locale.ROOT, "| %-44s | %10.0f | %14.0f |%n", "dB per second down to 30 dB under the peak",
                    made.dbPerSecondTo30(), own.dbPerSecondTo30());
        }
        out.printf(Locale.ROOT, "%njump ratio %.2f (target <= 1.5)%n%n", generatedRate / jumps.ownRate());
        if (outDir != null) {
            java.nio.file.Files.createDirectories(outDir);
            for (int i = 0; i < generated.size(); i++) {
                org.sda.engine.audio.AudioFiles.write(outDir.resolve(String.format(Locale.ROOT, "gen-%02d.wav", i)),
                        generated.get(i).audio());
            }
        }
    }

    /** The clips' log-mel as the model computes it (its own bands and STFT), from their audio. */
    private static List<float[][]> modelLogMels(LogMel logMel, List<ImportedClip> clips) {
        return clips.stream().map(c -> logMel.logMel(c.audio())).toList();
    }
}
