package org.sda.engine.model;

/**
 * The names the graphs in a {@code .sda} file are built and run with: the trainer's exporters write
 * them, the engine's runtimes look them up, and the test models use them. One definition, so that
 * the two sides cannot drift apart. Shapes in the notation of {@code docs/MODEL-FORMAT.md}.
 */
public final class OnnxNames {

    private OnnxNames() {
    }

    /** Encoder input: log-mel frames {@code [B, melBands, T]}. */
    public static final String LOG_MEL = "log_mel";
    /** Encoder output and quantizer/decoder input: the continuous latent {@code [B, codeDim, Tc]}. */
    public static final String LATENT = "latent";
    /** Quantizer output: code indices {@code [B, levels, Tc]} (int64). */
    public static final String CODES = "codes";
    /** Quantizer output: the sum of the chosen code vectors {@code [B, codeDim, Tc]}. */
    public static final String QUANTIZED = "quantized";
    /** Decoder output: natural-log magnitude (linear STFT or mel, as the manifest says) {@code [B, C, T]}. */
    public static final String LOG_MAGNITUDE = "log_magnitude";

    /** Prior input: token ids {@code [B, S]} (int64). */
    public static final String TOKEN = "token";
    /** Transformer prior input: absolute positions {@code [B, S]} (int64). */
    public static final String POSITION = "position";
    /** Prior output: next-token logits {@code [B, S, vocabulary]}. */
    public static final String LOGITS = "logits";
    /** Prefix of a prior's recurrent state inputs ({@code past_key}, {@code past_value}, {@code past_hidden}). */
    public static final String PAST = "past_";
    /** Prefix of the matching state outputs ({@code present_key}, ...). */
    public static final String PRESENT = "present_";
    /** Transformer KV cache: keys and values {@code [layers, B, heads, P, headDim]}. */
    public static final String KEY = "key";
    public static final String VALUE = "value";
    /** GRU state {@code [layers, B, hidden]}. */
    public static final String HIDDEN = "hidden";

    /** The input that carries state {@code name} into a step. */
    public static String past(String name) {
        return PAST + name;
    }

    /** The output that carries state {@code name} out of a step. */
    public static String present(String name) {
        return PRESENT + name;
    }
}
