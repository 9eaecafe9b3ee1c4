package org.sda.engine.cli.bench;

import org.sda.engine.dsp.ComplexSpectrogram;
import org.sda.engine.dsp.GriffinLim;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.MelInverter;
import org.sda.engine.dsp.Stft;
import org.sda.engine.dsp.StftConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Single-threaded timing of the DSP stages on a given signal, for a {@code bench} command and for
 * checking the real-time budget on a user's machine. Not a unit test: nothing here asserts a
 * speed.
 *
 * <p>Each stage runs {@code warmups} times untimed (so the JIT has compiled the hot loops), then
 * {@code repetitions} times timed with {@link System#nanoTime()}; the median is reported because
 * it shrugs off the odd garbage collection or scheduler hiccup. The real-time factor is
 * {@code audio seconds / compute seconds}: 20 means one second of audio takes 50 ms.
 *
 * <p>JTransforms is limited to one thread while the benchmark runs (and restored afterwards), so
 * the numbers describe one core. For 1024-point FFTs JTransforms would stay on one thread anyway,
 * but a caller may have changed its thresholds.
 *
 * <p>Stages, all at the given {@link StftConfig} (default 1024 / 256) with a 128-band filterbank:
 * {@code stft} ({@link Stft#forward}), {@code istft} ({@link Stft#inverse}), {@code log-mel}
 * ({@link LogMel#logMel}), {@code mel-nnls} ({@link MelInverter#invert} of the clip's mel
 * spectrogram) and {@code griffin-lim-N} ({@link GriffinLim} with its defaults, PGHI start
 * included, from the clip's true magnitude).
 */
public final class DspBenchmark {

    /** Timing of one stage. */
    public record Result(String name, double audioSeconds, double medianSeconds, double realTimeFactor) {
        @Override
        public String toString() {
            return String.format("%-16s %7.2f s audio  %9.3f ms  %8.1fx real time",
                    name, audioSeconds, medianSeconds * 1e3, realTimeFactor);
        }
    }

    private final StftConfig config;
    private final int warmups;
    private final int repetitions;

    /** Default STFT, 3 warm-ups, 7 timed repetitions. */
    public DspBenchmark() {
        this(StftConfig.defaults(), 3, 7);
    }

    public DspBenchmark(StftConfig config, int warmups, int repetitions) {
        this.config = Objects.requireNonNull(config, "config");
        if (warmups < 0 || repetitions < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and repetitions >= 1");
        }
        this.warmups = warmups;
        this.repetitions = repetitions;
    }

    /**
     * Times every stage on {@code signal}.
     *
     * @param signal mono samples; a few seconds give stable numbers
     * @param sampleRate its sample rate in Hz
     * @return one result per stage, in pipeline order
     */
    public List<Result> run(float[] signal, int sampleRate) {
        Objects.requireNonNull(signal, "signal");
        if (signal.length == 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("need a non-empty signal and a positive sample rate");
        }
        int threads = ConcurrencyUtils.getNumberOfThreads();
        ConcurrencyUtils.setNumberOfThreads(1);
        try {
            return runSingleThreaded(signal, sampleRate);
        } finally {
            ConcurrencyUtils.setNumberOfThreads(threads);
        }
    }

    private List<Result> runSingleThreaded(float[] signal, int sampleRate) {
        double audioSeconds = (double) signal.length / sampleRate;
        Stft stft = new Stft(config);
        MelFilterbank filterbank = new MelFilterbank(sampleRate, config.nFft());
        LogMel logMel = new LogMel(config, filterbank);
        MelInverter inverter = new MelInverter(filterbank);
        GriffinLim griffinLim = new GriffinLim(config);
        ComplexSpectrogram spectrum = stft.forward(signal);
        float[][] magnitude = spectrum.magnitude();
        float[][] mel = filterbank.apply(magnitude);

        List<Result> results = new ArrayList<>();
        results.add(time("stft", audioSeconds, () -> stft.forward(signal)));
        results.add(time("istft", audioSeconds, () -> stft.inverse(spectrum, signal.length)));
        results.add(time("log-mel", audioSeconds, () -> logMel.logMel(signal)));
        results.add(time("mel-nnls", audioSeconds, () -> inverter.invert(mel)));
        results.add(time("griffin-lim-" + griffinLim.iterations(), audioSeconds,
                () -> griffinLim.reconstruct(magnitude, signal.length)));
        return results;
    }

    private Result time(String name, double audioSeconds, Supplier<Object> stage) {
        Object sink = null;
        for (int i = 0; i < warmups; i++) {
            sink = stage.get();
        }
        double[] seconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            sink = stage.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        // Keeps the JIT from proving a result unused and skipping the work.
        if (sink == null) {
            throw new IllegalStateException(name + " produced nothing");
        }
        Arrays.sort(seconds);
        double median = repetitions % 2 == 1
                ? seconds[repetitions / 2]
                : 0.5 * (seconds[repetitions / 2 - 1] + seconds[repetitions / 2]);
        return new Result(name, audioSeconds, median, audioSeconds / median);
    }
}
