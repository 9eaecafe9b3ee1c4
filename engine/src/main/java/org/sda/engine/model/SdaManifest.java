package org.sda.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

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
        Object prior,
        Object analysis) {

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
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Vq(int levels, int codebookSize, int codeDim, int downsample, String decoderOutput,
                     List<String> levelLabels) {

        public static final String LINEAR = "linear";
        public static final String MEL = "mel";

        public Vq {
            levelLabels = levelLabels == null ? List.of() : List.copyOf(levelLabels);
        }
    }

    /** The sounds the model was trained on, as counts and content hashes (never the audio). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(int fileCount, double totalSeconds, String sizeClass, List<String> contentHashes) {
        public Dataset {
            contentHashes = contentHashes == null ? List.of() : List.copyOf(contentHashes);
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
}
