package org.sda.trainer.vqvae;

/**
 * Shape and training constants of the convolutional RVQ-VAE. One base configuration
 * ({@link #defaults(int)}) with small overrides ({@code withX}); the trainer CLI maps its options
 * onto these.
 *
 * @param melBands encoder input channels (log-mel bands)
 * @param bins linear STFT bins ({@code nFft / 2 + 1}): the output channels of a linear decoder
 * @param hidden channels inside encoder and decoder
 * @param codeDim latent and code vector dimension
 * @param downsample STFT frames per code frame (1, 2 or 4)
 * @param levels residual quantiser levels (2–4)
 * @param codebookSize codes per level
 * @param commitmentWeight weight of the commitment loss
 * @param emaDecay codebook EMA decay
 * @param deadThreshold a code whose EMA usage (frames per step) falls below this is reset
 * @param cosineLookup nearest code by cosine similarity (l2-normalised lookup) instead of
 *     Euclidean distance; the exported quantiser uses the same rule
 * @param quantizerDropout probability that a training step uses only the first n levels
 * @param decoderOutput what the decoder predicts: {@link #LINEAR} (log STFT magnitude, {@code bins}
 *     channels) or {@link #MEL} (log mel magnitude, {@code melBands} channels); a checkpoint without
 *     it (older trainer) reads as linear
 * @param decoder the decoder's architecture: {@link #CONV} or {@link #CONVNEXT}; a checkpoint
 *     without it (older trainer) reads as conv
 */
public record VqVaeConfig(
        int melBands,
        int bins,
        int hidden,
        int codeDim,
        int downsample,
        int levels,
        int codebookSize,
        double commitmentWeight,
        double emaDecay,
        double deadThreshold,
        boolean cosineLookup,
        double quantizerDropout,
        String decoderOutput,
        String decoder) {

    public static final String LINEAR = "linear";
    public static final String MEL = "mel";
    /** The first decoder: dilated residual convolution blocks (a checkpoint without the field reads as this). */
    public static final String CONV = "conv";
    /** ConvNeXt blocks (Vocos): depthwise k7, channel LayerNorm, pointwise MLP with GELU, layer scale. */
    public static final String CONVNEXT = "convnext";

    public VqVaeConfig {
        if (decoderOutput == null) {
            decoderOutput = LINEAR;
        }
        if (decoder == null) {
            decoder = CONV;
        }
        if (!decoder.equals(CONV) && !decoder.equals(CONVNEXT)) {
            throw new IllegalArgumentException("decoder must be conv or convnext: " + decoder);
        }
        if (!decoderOutput.equals(LINEAR) && !decoderOutput.equals(MEL)) {
            throw new IllegalArgumentException("decoder output must be linear or mel: " + decoderOutput);
        }
        if (melBands < 8 || bins < 8 || hidden < 4 || codeDim < 2) {
            throw new IllegalArgumentException("bad sizes: mel " + melBands + ", bins " + bins + ", hidden " + hidden
                    + ", codeDim " + codeDim);
        }
        if (downsample != 1 && downsample != 2 && downsample != 4) {
            throw new IllegalArgumentException("downsample must be 1, 2 or 4: " + downsample);
        }
        if (levels < 1 || levels > 4) {
            throw new IllegalArgumentException("levels must be 1–4: " + levels);
        }
        if (codebookSize < 2 || codebookSize > 4096) {
            throw new IllegalArgumentException("codebook size out of range: " + codebookSize);
        }
        if (!(commitmentWeight >= 0) || !(emaDecay > 0 && emaDecay < 1) || !(deadThreshold >= 0)
                || !(quantizerDropout >= 0 && quantizerDropout <= 1)) {
            throw new IllegalArgumentException("bad training constants");
        }
    }

    /**
     * 128 mels in, 513 bins out, 128 hidden, 32-dim codes, downsample 2, 3 levels, commitment 0.25,
     * the conv decoder of linear magnitude. The ConvNeXt decoder measured level with it at equal
     * steps (docs/BENCHMARKS.md, 2026-12-06), so the default stays.
     */
    public static VqVaeConfig defaults(int codebookSize) {
        return new VqVaeConfig(128, 513, 128, 32, 2, 3, codebookSize, 0.25, 0.99, 2.0, true, 0.0, LINEAR, CONV);
    }

    public VqVaeConfig withDecoder(String kind) {
        return new VqVaeConfig(melBands, bins, hidden, codeDim, downsample, levels, codebookSize, commitmentWeight,
                emaDecay, deadThreshold, cosineLookup, quantizerDropout, decoderOutput, kind);
    }

    /** True for the ConvNeXt decoder. */
    public boolean convNextDecoder() {
        return CONVNEXT.equals(decoder);
    }

    public VqVaeConfig withLevels(int n) {
        return new VqVaeConfig(melBands, bins, hidden, codeDim, downsample, n, codebookSize, commitmentWeight,
                emaDecay, deadThreshold, cosineLookup, quantizerDropout, decoderOutput, decoder);
    }

    public VqVaeConfig withCodebookSize(int n) {
        return new VqVaeConfig(melBands, bins, hidden, codeDim, downsample, levels, n, commitmentWeight,
                emaDecay, deadThreshold, cosineLookup, quantizerDropout, decoderOutput, decoder);
    }

    public VqVaeConfig withCommitmentWeight(double w) {
        return new VqVaeConfig(melBands, bins, hidden, codeDim, downsample, levels, codebookSize, w,
                emaDecay, deadThreshold, cosineLookup, quantizerDropout, decoderOutput, decoder);
    }

    public VqVaeConfig withShape(int newHidden, int newCodeDim, int newDownsample) {
        return new VqVaeConfig(melBands, bins, newHidden, newCodeDim, newDownsample, levels, codebookSize,
                commitmentWeight, emaDecay, deadThreshold, cosineLookup, quantizerDropout, decoderOutput, decoder);
    }

    public VqVaeConfig withLookup(boolean cosine) {
        return new VqVaeConfig(melBands, bins, hidden, codeDim, downsample, levels, codebookSize, commitmentWeight,
                emaDecay, deadThreshold, cosine, quantizerDropout, decoderOutput, decoder);
    }

    public VqVaeConfig withQuantizerDropout(double p) {
        return new VqVaeConfig(melBands, bins, hidden, codeDim, downsample, levels, codebookSize, commitmentWeight,
                emaDecay, deadThreshold, cosineLookup, p, decoderOutput, decoder);
    }

    public VqVaeConfig withDecoderOutput(String output) {
        return new VqVaeConfig(melBands, bins, hidden, codeDim, downsample, levels, codebookSize, commitmentWeight,
                emaDecay, deadThreshold, cosineLookup, quantizerDropout, output, decoder);
    }

    /** True when the decoder predicts log mel magnitudes. */
    public boolean melOutput() {
        return MEL.equals(decoderOutput);
    }

    /** Decoder output channels: {@code melBands} for a mel decoder, {@code bins} for a linear one. */
    public int outputChannels() {
        return melOutput() ? melBands : bins;
    }

    /** Level names, coarse to fine, for the manifest. */
    public java.util.List<String> levelLabels() {
        return switch (levels) {
            case 1 -> java.util.List.of("Sound");
            case 2 -> java.util.List.of("Structure", "Detail");
            case 3 -> java.util.List.of("Structure", "Timbre", "Detail");
            default -> java.util.List.of("Structure", "Timbre", "Texture", "Detail");
        };
    }
}
