package org.sda.engine.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sda.engine.dsp.JumpRate;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

/**
 * Chooses the temperature a newly trained prior is sampled at when the user asks for temperature
 * 1. A prior's tail is where clicks and switches of texture live, and how much of it to cut
 * depends on the set: on a drum kit the prior's own distribution (temperature 1) gives a train of
 * ghost clicks through every hit while temperatures near 0.5 give single hits that are still new; on a
 * set of drones, cutting any of the tail makes the prior replay its training sounds. So the
 * temperature is measured, not fixed: sounds are generated at falling temperatures (from 1) and
 * the highest temperature is kept whose sounds jump no more than {@value #JUMP_RATIO_GOAL}× as
 * often as the training sounds themselves (issue 15's jump rate) while copying less than
 * {@value #COPY_LIMIT} of their coarse code 8-grams from them.
 */
public final class TemperatureCalibration {

    /** Tried highest first; the search stops at the first that meets both goals. */
    static final double[] TEMPERATURES = {1.0, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4};
    /** Jumps per second over the set's own, at most: under the 1.5 aimed at, with room for sampling noise. */
    public static final double JUMP_RATIO_GOAL = 1.2;
    /**
     * Coarse 8-gram copy rate, below: under the 50 % at which sounds count as replays, with room
     * for sampling noise (a drum kit's 42 % here was 53 % for other seeds).
     */
    public static final double COPY_LIMIT = 0.40;
    /**
     * Seconds of sound per temperature: a batch's jump rate hangs on its few jumpiest sounds (a
     * drum kit's 8 hits gave 1.1 to 3.2× its set's rate at one temperature, by seed, and 48 hits
     * still 1.2 to 1.5×), so short sounds come in large batches.
     */
    public static final double SECONDS_PER_TEMPERATURE = 80;
    /** Sounds per temperature, at least and at most. */
    public static final int MIN_VARIATIONS = 8;
    public static final int MAX_VARIATIONS = 96;
    /** Length of each sound for sets that are not one-shots. */
    static final double LONG_FORM_SECONDS = 8;

    /** Told after each temperature is measured. */
    public interface Progress {
        Progress NONE = (trial, done, most) -> { };

        void measured(SdaManifest.SamplingTrial trial, int done, int most);
    }

    private TemperatureCalibration() {
    }

    /**
     * @param model a model with a prior (an existing calibration is ignored: temperatures here are absolute)
     * @param trainingAudio the training sounds at the model's rate (the jump threshold and the set's own rate)
     * @param trainingCodes their codes, {@code [levels][frames]} each (the copy rate)
     * @throws ModelFileException if the model's graphs cannot be opened
     */
    public static SdaManifest.Sampling calibrate(SdaModel model, List<float[]> trainingAudio,
                                                 List<long[][]> trainingCodes, long seed, Progress progress)
            throws ModelFileException {
        SdaManifest manifest = model.manifest();
        JumpRate jumps = JumpRate.of(trainingAudio, manifest.audio().sampleRate());
        CopyRate coarse = new CopyRate(trainingCodes.stream().map(c -> new long[][] {c[0]}).toList(),
                CopyRate.DEFAULT_N);
        double seconds = Generator.isOneShotSet(manifest) ? Generator.defaultSeconds(manifest) : LONG_FORM_SECONDS;
        int variations = variationsFor(seconds);
        List<SdaManifest.SamplingTrial> trials = new ArrayList<>();
        try (Generator generator = Generator.open(model)) {
            double scale = Generator.temperatureScale(manifest);
            int overCopyLimit = 0;
            for (double t : TEMPERATURES) {
                // The same seeds at every temperature: differences come from the temperature, not the draw.
                GenerationSettings settings = new GenerationSettings(seconds, t / scale, 0, 1.0, seed);
                List<Generator.Generated> sounds = generator.generateAll(settings, variations, Generator.Listener.NONE,
                        generator.decoder());
                double rate = jumps.rate(sounds.stream().map(g -> g.audio().samples()).toList());
                double own = jumps.ownRate();
                double ratio = own > 0 ? rate / own : rate > 0 ? Double.POSITIVE_INFINITY : 1.0;
                double copy = sounds.stream().mapToDouble(g -> coarse.rate(new long[][] {g.codes()[0]}))
                        .filter(Double::isFinite).average().orElse(0);
                SdaManifest.SamplingTrial trial = new SdaManifest.SamplingTrial(t, ratio, copy);
                trials.add(trial);
                progress.measured(trial, trials.size(), TEMPERATURES.length);
                if (meetsBoth(trial)) {
                    break;
                }
                // Copying rises as the temperature falls: twice over the limit in a row, lower will not do.
                overCopyLimit = copy >= COPY_LIMIT ? overCopyLimit + 1 : 0;
                if (overCopyLimit == 2) {
                    break;
                }
            }
        }
        return choose(trials);
    }

    /** Sounds generated at each temperature for sounds of {@code seconds}. */
    public static int variationsFor(double seconds) {
        return (int) Math.max(MIN_VARIATIONS, Math.min(MAX_VARIATIONS, Math.round(SECONDS_PER_TEMPERATURE / seconds)));
    }

    private static boolean meetsBoth(SdaManifest.SamplingTrial t) {
        return t.jumpRatio() <= JUMP_RATIO_GOAL && t.coarseCopyRate() < COPY_LIMIT;
    }

    /**
     * The highest temperature that meets both goals; else, among those that copy less than the
     * limit, the one that jumps least; else (every one copies) 1, the prior's own distribution.
     */
    static SdaManifest.Sampling choose(List<SdaManifest.SamplingTrial> trials) {
        for (SdaManifest.SamplingTrial t : trials) {
            if (meetsBoth(t)) {
                return new SdaManifest.Sampling(t.temperature(), String.format(Locale.ROOT,
                        "the highest temperature whose sounds jump at most %.1fx as often as the training sounds and"
                                + " copy under %.0f%% of their coarse 8-grams", JUMP_RATIO_GOAL, 100 * COPY_LIMIT),
                        trials);
            }
        }
        SdaManifest.SamplingTrial best = null;
        for (SdaManifest.SamplingTrial t : trials) {
            if (t.coarseCopyRate() < COPY_LIMIT && (best == null || t.jumpRatio() < best.jumpRatio())) {
                best = t;
            }
        }
        if (best != null) {
            return new SdaManifest.Sampling(best.temperature(), String.format(Locale.ROOT,
                    "no temperature met both goals; the one that jumps least among those copying under %.0f%%",
                    100 * COPY_LIMIT), trials);
        }
        return new SdaManifest.Sampling(1.0, String.format(Locale.ROOT,
                "every temperature tried copied %.0f%% or more of the coarse 8-grams; the prior's own",
                100 * COPY_LIMIT), trials);
    }
}
