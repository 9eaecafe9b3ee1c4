package org.sda.engine.generate;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.sda.engine.dsp.GriffinLim;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.MelInverter;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaManifest;

/**
 * The one place where generated codes become sound:
 *
 * <pre>
 *   codes [levels][T'] → codebook lookup → latent [T'][codeDim] → (latent transform) → decoder
 *         → (detail memory, without a transform) → exp → (mel decoder: mel inversion)
 *         → fast Griffin-Lim → samples [T' * downsample * hop]
 * </pre>
 *
 * The latent transform is the identity unless one is set ({@link #withLatentTransform}): the
 * place for edits in latent space such as offsets along musical axes.
 *
 * <p>Threading: immutable; {@link #decode} may run on several threads at once (the runtime allows
 * it, Griffin-Lim and the mel inverter are thread-safe). The transform must be thread-safe too.
 */
public final class ChunkDecoder {

    /** As in the reconstructor: keeps a broken decoder's output finite. */
    static final float MAX_LOG_MAGNITUDE = 20f;

    private final VqVaeRuntime runtime;
    private final SdaManifest.Audio audio;
    private final int downsample;
    private final MelInverter melInverter;
    private final GriffinLim griffinLim;
    private final UnaryOperator<float[][]> latentTransform;

    /** Griffin-Lim iterations of generated and reconstructed sound. */
    public static final int DEFAULT_ITERATIONS = GriffinLim.DEFAULT_ITERATIONS;

    private static final UnaryOperator<float[][]> IDENTITY = UnaryOperator.identity();

    public ChunkDecoder(VqVaeRuntime runtime) {
        this(runtime, DEFAULT_ITERATIONS, IDENTITY);
    }

    private ChunkDecoder(VqVaeRuntime runtime, int iterations, UnaryOperator<float[][]> latentTransform) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.audio = runtime.manifest().audio();
        this.downsample = runtime.manifest().vq().downsample();
        StftConfig stft = new StftConfig(audio.nFft(), audio.hop());
        this.melInverter = SdaManifest.Vq.MEL.equals(runtime.manifest().vq().decoderOutput())
                ? new MelInverter(new MelFilterbank(audio.sampleRate(), audio.nFft(), audio.melBands())) : null;
        this.griffinLim = new GriffinLim(stft).withIterations(iterations);
        this.latentTransform = Objects.requireNonNull(latentTransform, "latentTransform");
    }

    /** The same decoder with {@code transform} applied to each chunk's latent {@code [T'][codeDim]}. */
    public ChunkDecoder withLatentTransform(UnaryOperator<float[][]> transform) {
        return new ChunkDecoder(runtime, griffinLim.iterations(), transform);
    }

    /** The same decoder with {@code n} Griffin-Lim iterations. */
    public ChunkDecoder withIterations(int n) {
        return new ChunkDecoder(runtime, n, latentTransform);
    }

    /** Audio samples per code frame: {@code downsample * hop}. */
    public int samplesPerFrame() {
        return downsample * audio.hop();
    }

    public int sampleRate() {
        return audio.sampleRate();
    }

    /**
     * Decodes a code grid to audio at the model's rate, unnormalised.
     *
     * @param codes {@code [levels][T']}
     * @return {@code T' * samplesPerFrame() - hop} samples (frame 0 centred on sample 0)
     * @throws InferenceException if the decoder fails or its output is not finite
     */
    public float[] decode(long[][] codes) {
        // Codes as they are get the model's detail memory where it knows them; moved latents do not.
        float[][] magnitude = latentTransform == IDENTITY
                ? runtime.decodeCodes(codes, codes[0].length * downsample, true)
                : runtime.decode(latentTransform.apply(runtime.lookup(codes)));
        for (float[] row : magnitude) {
            for (int i = 0; i < row.length; i++) {
                float v = row[i];
                if (Float.isNaN(v)) {
                    throw new InferenceException(runtime.model().file() + ": decoder.onnx produced NaN");
                }
                row[i] = (float) Math.exp(Math.min(v, MAX_LOG_MAGNITUDE));
            }
        }
        if (melInverter != null) {
            magnitude = melInverter.invert(magnitude);
        }
        // A centred STFT of F frames covers (F - 1) * hop samples.
        float[] out = griffinLim.reconstruct(magnitude, (magnitude.length - 1) * audio.hop());
        for (float v : out) {
            if (!Float.isFinite(v)) {
                throw new InferenceException(runtime.model().file() + ": generated audio is not finite "
                        + "(the decoder's output is out of range)");
            }
        }
        return out;
    }
}
