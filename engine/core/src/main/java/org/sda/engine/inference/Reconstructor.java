package org.sda.engine.inference;

import java.nio.file.Path;
import java.util.Objects;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.audio.Loudness;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.audio.Resampler;
import org.sda.engine.dsp.GriffinLim;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.MelInverter;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.model.SdaManifest;

/**
 * Sends a sound through a model and back: what the model keeps of it, and what a user hears
 * when editing codes. The pipeline:
 *
 * <pre>
 *   audio → mono → model rate → log-mel [T][melBands] → encoder → quantiser (codes [levels][T'])
 *         → codebook lookup → decoder → (detail memory) → exp → (mel decoder: NNLS mel inversion)
 *         → Griffin-Lim → audio at the model rate, as long as the input, peak at most -1 dBFS
 * </pre>
 *
 * The features use the manifest's audio settings with the engine's own {@link LogMel}, exactly
 * what the encoder was trained on. The output is only turned down, never up: a quiet result
 * stays quiet.
 *
 * <p>Threading: immutable; {@link #reconstruct} may run on several threads at once (the runtime
 * allows it and every call has its own buffers). It allocates and takes a while: not for a
 * real-time thread.
 */
public final class Reconstructor {

    /** The loudest sample peak the output may have. */
    public static final double PEAK_CEILING_DBFS = -1.0;

    /** The peak level the importer gives training audio, so the model hears what it learned on. */
    static final double TRAINING_PEAK_DBFS = Loudness.TRAINING_PEAK_DBFS;
    /**
     * Decoded log-magnitudes are clipped here before {@code exp}: {@code e^20} is about 10^6 times
     * a full-scale sine's STFT magnitude, so only a broken decoder reaches it, and the clip keeps
     * such output finite instead of infinite.
     */
    static final float MAX_LOG_MAGNITUDE = 20f;

    /** The steps, in order, as reported to a {@link Listener}. */
    public enum Stage {
        FEATURES("log-mel"),
        ENCODE("encode"),
        QUANTIZE("quantize"),
        DECODE("decode"),
        INVERT_MEL("mel inversion"),
        PHASE("phase reconstruction");

        private final String words;

        Stage(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** Told as each stage starts; called on the reconstructing thread. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = stage -> { };

        void stageStarted(Stage stage);
    }

    /**
     * @param audio mono at the model rate, as long as the input after resampling
     * @param codes the code grid the sound was quantised to, {@code [levels][T']}
     * @param gainDb gain applied to keep the peak at most {@link #PEAK_CEILING_DBFS}; 0 or negative
     */
    public record Result(AudioBuffer audio, long[][] codes, double gainDb) {
    }

    private final VqVaeRuntime runtime;
    private final SdaManifest.Audio settings;
    private final LogMel logMel;
    private final MelInverter melInverter;
    private final GriffinLim griffinLim;
    private final boolean withDetail;

    public Reconstructor(VqVaeRuntime runtime) {
        this(runtime, GriffinLim.DEFAULT_ITERATIONS);
    }

    /** @param iterations Griffin-Lim iterations ({@value GriffinLim#DEFAULT_ITERATIONS} by default) */
    public Reconstructor(VqVaeRuntime runtime, int iterations) {
        this(runtime, iterations, true);
    }

    private Reconstructor(VqVaeRuntime runtime, int iterations, boolean withDetail) {
        this.withDetail = withDetail;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.settings = runtime.manifest().audio();
        StftConfig stft = new StftConfig(settings.nFft(), settings.hop());
        MelFilterbank filterbank = new MelFilterbank(settings.sampleRate(), settings.nFft(), settings.melBands());
        this.logMel = new LogMel(stft, filterbank);
        this.melInverter = VqVaeRuntime.decodesMel(runtime.manifest()) ? new MelInverter(filterbank) : null;
        this.griffinLim = new GriffinLim(stft).withIterations(iterations);
    }

    /** The same reconstructor without the model's {@link DetailMemory} (for comparisons). */
    public Reconstructor withoutDetailMemory() {
        return new Reconstructor(runtime, griffinLim.iterations(), false);
    }

    /** The number of stages a reconstruction reports: 6 for a mel decoder, 5 otherwise. */
    public int stageCount() {
        return melInverter == null ? Stage.values().length - 1 : Stage.values().length;
    }

    /** Reads {@code file} (any format {@link AudioFiles} reads) and reconstructs it. */
    public Result reconstruct(Path file, Listener listener) throws AudioReadException {
        AudioBuffer audio = AudioFiles.read(file);
        if (audio.frameCount() == 0) {
            throw new AudioReadException(file, AudioReadException.Kind.EMPTY, "has no audio");
        }
        return reconstruct(audio, listener);
    }

    /**
     * Reconstructs a sound at any rate and channel count: {@link #analyse} then {@link #synthesise}
     * of the codes.
     *
     * @throws IllegalArgumentException for a buffer without samples
     * @throws InferenceException if a network fails or the result is not finite
     */
    public Result reconstruct(AudioBuffer audio, Listener listener) {
        Analysis analysis = analyse(audio, listener);
        Synthesis synthesis = synthesise(analysis.codes(), analysis.frames(), analysis.samples(),
                analysis.levellingDb(), listener);
        return new Result(synthesis.audio(), analysis.codes(), synthesis.gainDb());
    }

    /**
     * What the model makes of a sound, before decoding.
     *
     * @param latent the encoder's continuous (pre-quantisation) latent {@code [T'][codeDim]}
     * @param codes the quantiser's codes {@code [levels][T']}
     * @param frames STFT frames of the levelled signal ({@code 1 + samples / hop})
     * @param samples length of the sound at the model rate
     * @param levellingDb gain that brought the input to the training peak; {@link #synthesise} undoes it
     */
    public record Analysis(float[][] latent, long[][] codes, int frames, int samples, double levellingDb) {
    }

    /** @param gainDb gain applied to keep the peak at most {@link #PEAK_CEILING_DBFS}; 0 or negative */
    public record Synthesis(AudioBuffer audio, double gainDb) {
    }

    /**
     * The first half of a reconstruction: mono, model rate, levelled to the training peak, log-mel,
     * encoder and quantiser. Reports {@link Stage#FEATURES}, {@link Stage#ENCODE} and
     * {@link Stage#QUANTIZE}.
     *
     * @throws IllegalArgumentException for a buffer without samples
     */
    public Analysis analyse(AudioBuffer audio, Listener listener) {
        if (audio.frameCount() == 0) {
            throw new IllegalArgumentException("no audio to reconstruct");
        }
        AudioBuffer mono = atModelRate(audio);
        // The model was trained on peak-normalised audio (see ImportOptions): feed it the same
        // level, and give the result back at the input's level.
        double inputPeak = Loudness.peakDbfs(mono);
        double levelling = Double.isFinite(inputPeak) ? TRAINING_PEAK_DBFS - inputPeak : 0;
        float[] signal = Loudness.withGain(mono, levelling).samples();
        listener.stageStarted(Stage.FEATURES);
        float[][] features = logMel.logMel(signal);
        listener.stageStarted(Stage.ENCODE);
        float[][] latent = runtime.encode(features);
        listener.stageStarted(Stage.QUANTIZE);
        long[][] codes = runtime.quantize(latent).codes();
        return new Analysis(latent, codes, features.length, signal.length, levelling);
    }

    /** {@code audio} as {@link #analyse} hears it: mono, at the model rate, with {@code levellingDb} applied. */
    float[] levelled(AudioBuffer audio, double levellingDb) {
        return Loudness.withGain(atModelRate(audio), levellingDb).samples();
    }

    private AudioBuffer atModelRate(AudioBuffer audio) {
        return Resampler.resample(Mixdown.toMono(audio), settings.sampleRate());
    }

    /**
     * The second half: decoder, {@code exp}, mel inversion for a mel decoder, Griffin-Lim, the
     * input's level restored and the peak kept at most {@link #PEAK_CEILING_DBFS}. Reports
     * {@link Stage#DECODE}, {@link Stage#INVERT_MEL} (mel decoders) and {@link Stage#PHASE}.
     *
     * @param latent {@code [T'][codeDim]}, a code lookup or any latent the decoder takes
     * @param frames STFT frames to keep of the decoder's {@code T' * downsample}
     * @param samples length of the result
     * @param levellingDb the {@link Analysis#levellingDb()} to undo (0 for none)
     * @throws InferenceException if a network fails or the result is not finite
     */
    public Synthesis synthesise(float[][] latent, int frames, int samples, double levellingDb, Listener listener) {
        listener.stageStarted(Stage.DECODE);
        return fromLogMagnitude(runtime.decode(latent, frames), samples, levellingDb, listener);
    }

    /**
     * {@link #synthesise(float[][], int, int, double, Listener)} of codes as they are, with the
     * model's {@link DetailMemory} where it knows them (unless {@link #withoutDetailMemory}).
     *
     * @param codes {@code [levels][T']}
     */
    public Synthesis synthesise(long[][] codes, int frames, int samples, double levellingDb, Listener listener) {
        listener.stageStarted(Stage.DECODE);
        return fromLogMagnitude(runtime.decodeCodes(codes, frames, withDetail), samples, levellingDb, listener);
    }

    private Synthesis fromLogMagnitude(float[][] logMagnitude, int samples, double levellingDb, Listener listener) {
        float[][] magnitude = exp(logMagnitude);
        if (melInverter != null) {
            listener.stageStarted(Stage.INVERT_MEL);
            magnitude = melInverter.invert(magnitude);
        }
        listener.stageStarted(Stage.PHASE);
        float[] out = griffinLim.reconstruct(magnitude, samples);
        for (float v : out) {
            if (!Float.isFinite(v)) {
                throw new InferenceException(runtime.model().file() + ": the reconstruction is not finite "
                        + "(the decoder's output is out of range)");
            }
        }
        AudioBuffer result = Loudness.withGain(AudioBuffer.mono(out, settings.sampleRate()), -levellingDb);
        double peak = Loudness.peakDbfs(result);
        double gain = peak > PEAK_CEILING_DBFS ? PEAK_CEILING_DBFS - peak : 0;
        return new Synthesis(gain < 0 ? Loudness.withGain(result, gain) : result, gain);
    }

    /** The runtime this reconstructor runs on. */
    public VqVaeRuntime runtime() {
        return runtime;
    }

    /** The log-mel front end, with the manifest's settings. */
    public LogMel logMel() {
        return logMel;
    }

    private float[][] exp(float[][] logMagnitude) {
        for (float[] row : logMagnitude) {
            for (int i = 0; i < row.length; i++) {
                float v = row[i];
                if (Float.isNaN(v)) {
                    throw new InferenceException(runtime.model().file() + ": decoder.onnx produced NaN");
                }
                row[i] = (float) Math.exp(Math.min(v, MAX_LOG_MAGNITUDE));
            }
        }
        return logMagnitude;
    }
}
