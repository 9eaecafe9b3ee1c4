package org.sda.engine.instrument;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Timing of the render path, for {@code sda bench instrument}: what one block costs with every
 * voice sounding, as a share of the block's duration (the real-time budget). Not a test: nothing
 * here asserts a speed.
 *
 * <p>Workload per block size: the voice engine at the given rate with {@value
 * VoiceEngine#DEFAULT_POLYPHONY} voices, all sounding from the start on real sounds, at keys
 * around the root (so every voice interpolates), mod wheel at 50 % (vibrato on: the dearer
 * path), and a new note every ~50 ms of audio that steals a voice (the steal fade included).
 * A warm-up of {@code warmupSeconds} of audio, and at least 3 s of wall time, runs untimed so the JIT
 * has compiled the loops;
 * then each block is timed over {@code seconds} of audio, in wall time ({@link System#nanoTime()})
 * and in the thread's CPU time (which a busy machine's other processes do not inflate).
 */
public final class VoiceBenchmark {

    /**
     * Cost of one block size, each as a ratio of time spent to the block's duration.
     *
     * @param blocks how many blocks were timed
     */
    public record Result(int blockFrames, int blocks, Spread wall, Spread cpu) {
    }

    /**
     * Quantiles of per-block cost, as a ratio of the block's duration. Wall time includes whatever
     * the OS did meanwhile (other processes on a shared machine); the render thread's CPU time does not.
     */
    public record Spread(double median, double p99, double p999, double max, double mean) {
        static Spread of(double[] ratios) {
            double mean = Arrays.stream(ratios).average().orElse(0);
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            return new Spread(quantile(sorted, 0.5), quantile(sorted, 0.99), quantile(sorted, 0.999),
                    sorted[sorted.length - 1], mean);
        }
    }

    private static final long WARMUP_NANOS = 3_000_000_000L;

    private final double sampleRate;
    private final List<Variation> sounds;
    private final double warmupSeconds;
    private final double seconds;

    /**
     * @param sounds mono sounds at {@code sampleRate}, played as variations in turn
     */
    public VoiceBenchmark(double sampleRate, List<float[]> sounds, double warmupSeconds, double seconds) {
        if (sounds.isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs at least one sound");
        }
        this.sampleRate = sampleRate;
        this.sounds = new ArrayList<>();
        for (float[] s : sounds) {
            this.sounds.add(Variation.of(s, (int) Math.round(sampleRate)));
        }
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    public List<Result> run(int... blockSizes) {
        List<Result> results = new ArrayList<>();
        for (int frames : blockSizes) {
            results.add(run(frames));
        }
        return results;
    }

    private Result run(int frames) {
        ParameterValues params = new ParameterValues();
        params.setPlain(InstrumentParameter.MOD_WHEEL, 50);
        params.setPlain(InstrumentParameter.RELEASE, 300);
        VoiceEngine engine = new VoiceEngine(VoiceEngine.DEFAULT_POLYPHONY, sampleRate, frames, params);
        int[] turn = {0};
        // Long sounds go first so voices stay busy; each note takes the next sound in turn.
        VoiceEngine.VariationSupply supply = (locked, rate, size) -> sounds.get(turn[0]++ % sounds.size());
        float[] left = new float[frames];
        float[] right = new float[frames];
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < VoiceEngine.DEFAULT_POLYPHONY; k++) {
            engine.noteOn(0, 48 + random.nextInt(25), 0.8f);
        }
        int warmupBlocks = (int) Math.ceil(warmupSeconds * sampleRate / frames);
        int timedBlocks = (int) Math.ceil(seconds * sampleRate / frames);
        int noteEvery = Math.max(1, (int) Math.round(0.05 * sampleRate / frames));
        double blockSeconds = frames / sampleRate;
        double[] ratios = new double[timedBlocks];
        double[] cpuRatios = new double[timedBlocks];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // The render path runs far faster than real time, so warm up by the clock as well: the
        // JIT needs a few seconds of calls to reach its final code.
        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        for (int b = 0; b < warmupBlocks + timedBlocks; b++) {
            if (b == warmupBlocks - 1 && System.nanoTime() < warmupEnd) {
                b--; // another warm-up block
            }
            if (b % noteEvery == 0) {
                engine.noteOn(random.nextInt(frames), 48 + random.nextInt(25), 0.5f + 0.5f * random.nextFloat());
            }
            if (engine.activeVoices() < VoiceEngine.DEFAULT_POLYPHONY) {
                // Voices that reached the end of their sound are replaced, so all stay busy.
                engine.noteOn(0, 48 + random.nextInt(25), 0.8f);
            }
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            engine.render(left, right, frames, supply);
            long elapsed = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            if (b >= warmupBlocks) {
                ratios[b - warmupBlocks] = elapsed / 1e9 / blockSeconds;
                cpuRatios[b - warmupBlocks] = cpu / 1e9 / blockSeconds;
            }
        }
        return new Result(frames, timedBlocks, Spread.of(ratios), Spread.of(cpuRatios));
    }

    private static double quantile(double[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }
}
