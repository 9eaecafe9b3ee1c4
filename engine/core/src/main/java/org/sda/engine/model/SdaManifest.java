package org.sda.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a model is and how it was made: {@code manifest.json} inside a {@code .sda} file. Unknown
 * fields are ignored when reading, so newer writers can add some. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SdaManifest(
        int formatVersion,
        String name,
        List<String> tags,
        String created,
        Audio audio,
        Vq vq,
        Dataset dataset,
        Training training,
        Prior prior,
        Analysis analysis) {

    public static final int FORMAT_VERSION = 2;

    public SdaManifest {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The audio front end the model was trained with; the engine must compute features the same way. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Audio(int sampleRate, int nFft, int hop, int melBands) {
        public int bins() {
            return nFft / 2 + 1;
        }
    }

    /**
     * The residual vector quantiser.
     *
     * @param downsample STFT frames per code frame
     * @param decoderOutput "linear" (log STFT magnitude) or "mel" (log mel magnitude)
     * @param levelLabels names of the levels, coarse to fine
     * @param decoder the decoder's architecture: "conv" (dilated residual convolutions; what a
     *     manifest without the field means) or "convnext" (ConvNeXt blocks). Both graphs take the
     *     same input and give the same output; the field says what is inside
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Vq(int levels, int codebookSize, int codeDim, int downsample, String decoderOutput,
                     List<String> levelLabels, String decoder) {

        public static final String LINEAR = "linear";
        public static final String MEL = "mel";
        public static final String CONV = "conv";
        public static final String CONVNEXT = "convnext";

        public Vq {
            levelLabels = levelLabels == null ? List.of() : List.copyOf(levelLabels);
            decoder = decoder == null ? CONV : decoder;
        }

        /** A model with the first ("conv") decoder. */
        public Vq(int levels, int codebookSize, int codeDim, int downsample, String decoderOutput,
                  List<String> levelLabels) {
            this(levels, codebookSize, codeDim, downsample, decoderOutput, levelLabels, CONV);
        }
    }

    /**
     * The sounds the model was trained on, as counts and content hashes (never the audio).
     *
     * @param sources the files and folders training was given, as absolute paths, so that
     *     {@code sda train-prior} can find the audio again; empty when not known (older files)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(int fileCount, double totalSeconds, String sizeClass, List<String> contentHashes,
                          List<String> sources) {
        public Dataset {
            contentHashes = contentHashes == null ? List.of() : List.copyOf(contentHashes);
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        public Dataset(int fileCount, double totalSeconds, String sizeClass, List<String> contentHashes) {
            this(fileCount, totalSeconds, sizeClass, contentHashes, List.of());
        }
    }

    /**
     * The autoregressive prior over the codes ({@code prior.onnx}); see docs/MODEL-FORMAT.md.
     *
     * @param architecture {@value #TRANSFORMER} or {@value #GRU}
     * @param tokenOrder {@value #FLAT}: one code per step, frame by frame, levels coarse to fine; or
     *     {@value #DELAY}: the same, with level {@code l} delayed by {@code l} frames (see
     *     {@link org.sda.engine.generate.TokenLayout})
     * @param contextTokens the most positions one window may hold (the step graph's position range)
     * @param tokensPerLevel codes per level plus one start-of-sound token (index {@code codebookSize})
     * @param layers transformer blocks or GRU layers
     * @param width model width (transformer {@code d_model}, GRU hidden size)
     * @param heads attention heads (0 for a GRU)
     * @param sampling how the prior is sampled when the user asks for temperature 1 (temperature and
     *     continuity), calibrated after training; {@code null} (older models): the prior's own logits
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Prior(String architecture, String tokenOrder, int contextTokens, int tokensPerLevel, int layers,
                        int width, int heads, PriorTraining training, Sampling sampling) {

        public static final String TRANSFORMER = "transformer";
        public static final String GRU = "gru";
        public static final String FLAT = "flat";
        public static final String DELAY = "delay";

        /** Without a calibrated sampling temperature (as models before it were written). */
        public Prior(String architecture, String tokenOrder, int contextTokens, int tokensPerLevel, int layers,
                     int width, int heads, PriorTraining training) {
            this(architecture, tokenOrder, contextTokens, tokensPerLevel, layers, width, heads, training, null);
        }

        /** What temperature 1 means for this prior: the calibrated temperature, or 1 where none was calibrated. */
        public double temperatureScale() {
            return sampling == null ? 1.0 : sampling.temperature();
        }

        /** The calibrated continuity strength of the coarse level; 0 where none was calibrated. */
        public double continuity() {
            return sampling == null ? 0 : sampling.continuity();
        }

        public Prior withSampling(Sampling s) {
            return new Prior(architecture, tokenOrder, contextTokens, tokensPerLevel, layers, width, heads, training, s);
        }

        /** The start-of-sound token's index within a level. */
        public int startToken() {
            return tokensPerLevel - 1;
        }
    }

    /**
     * How the prior's training went.
     *
     * @param validationPerplexity per code, on the validation sounds' codes (training codes when
     *     the set has no validation sounds), without label smoothing
     * @param copyRate share of code 8-grams (8 frames, all levels) of sounds sampled at temperature
     *     1 (the calibrated temperature and continuity) after training that occur verbatim in the training codes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PriorTraining(int epochs, long steps, double minutes, long seed, double trainPerplexity,
                                double validationPerplexity, double copyRate, String stoppedBecause,
                                List<String> warnings) {
        public PriorTraining {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /**
     * How the prior is sampled, chosen after training by generating sounds at several settings and
     * measuring them (see {@code SamplingCalibration}).
     *
     * @param temperature what the user's temperature 1 stands for (the user's value multiplies it)
     * @param continuity the strength of the penalty on the coarse level's leaps between distant
     *     codes ({@code CoarseContinuity}); 0 (and absent, in models calibrated before it): none
     * @param rule how they were chosen, in words
     * @param measured every setting tried, in the order tried
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sampling(double temperature, Double continuity, String rule, List<SamplingTrial> measured) {
        public Sampling {
            if (!(temperature > 0) || temperature > 10) {
                throw new IllegalArgumentException("sampling temperature must be in (0, 10], not " + temperature);
            }
            continuity = continuity == null ? 0.0 : continuity;
            if (!(continuity >= 0) || continuity > 100) {
                throw new IllegalArgumentException("sampling continuity must be in [0, 100], not " + continuity);
            }
            measured = measured == null ? List.of() : List.copyOf(measured);
        }

        /** Temperature alone, no continuity penalty. */
        public Sampling(double temperature, String rule, List<SamplingTrial> measured) {
            this(temperature, 0.0, rule, measured);
        }
    }

    /**
     * Sounds generated at one setting during calibration.
     *
     * @param continuity the coarse level's continuity strength (0, and absent in older models: none)
     * @param jumpRatio their jump rate over the training sounds' own (issue 15's measure; 1 is the set's)
     * @param coarseCopyRate share of their coarse-level code 8-grams found verbatim in the training sounds
     * @param frechet Fréchet distance between their log-mel frame statistics and the training
     *     sounds'; null where not measured (models calibrated before it)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SamplingTrial(double temperature, Double continuity, double jumpRatio, double coarseCopyRate,
                                Double frechet) {

        public SamplingTrial {
            continuity = continuity == null ? 0.0 : continuity;
        }

        /** A trial of temperature alone, without a Fréchet distance. */
        public SamplingTrial(double temperature, double jumpRatio, double coarseCopyRate) {
            this(temperature, 0.0, jumpRatio, coarseCopyRate, null);
        }
    }

    /** One quantiser level's codebook health at the end of training. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LevelHealth(int level, double utilisation, double perplexity, int deadCodes) {
    }

    /** How training went. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Training(int epochs, long steps, double minutes, long seed, double trainLoss,
                           double validationLoss, String stoppedBecause, List<LevelHealth> health) {
        public Training {
            health = health == null ? List.of() : List.copyOf(health);
        }
    }

    /**
     * The musical controls: principal axes of the encoder's continuous (pre-quantisation) latent
     * over the training sounds, each named after the audio descriptor it moves most. An axis
     * offset {@code v} adds {@code v * direction} to every latent frame before decoding.
     *
     * @param version {@link #ANALYSIS_VERSION}
     * @param clips sounds analysed
     * @param frames code frames analysed (silent frames left out)
     * @param mean the latent mean {@code [codeDim]}
     * @param axes coarse to fine: the axis explaining the most variance first
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Analysis(int version, int clips, long frames, float[] mean, List<Axis> axes) {

        public static final int ANALYSIS_VERSION = 1;

        public Analysis {
            axes = axes == null ? List.of() : List.copyOf(axes);
        }
    }

    /**
     * One control axis.
     *
     * @param name what the user sees, the descriptor's name ("brightness"); unique within a model
     * @param descriptor the audio descriptor it is labelled by: brightness, loudness, noisiness,
     *     attack or pitch
     * @param correlation Pearson correlation over the dataset's frames between the position along
     *     the axis and the descriptor; the direction is chosen so that it is positive (moving up
     *     the axis raises the descriptor)
     * @param explainedVariance share of the latent's variance along this axis
     * @param direction unit vector {@code [codeDim]}
     * @param safeMin low end of where the dataset lives (2nd percentile of positions)
     * @param safeMax high end (98th percentile)
     * @param warnMin beyond the safe range, down to here, the decoder is outside its data; farther
     *     is refused
     * @param warnMax as {@code warnMin}, upwards
     * @param correlations the correlation with every descriptor that could be measured
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Axis(String name, String descriptor, double correlation, double explainedVariance,
                       float[] direction, double safeMin, double safeMax, double warnMin, double warnMax,
                       Map<String, Double> correlations) {

        public Axis {
            correlations = correlations == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(correlations));
        }
    }
}
