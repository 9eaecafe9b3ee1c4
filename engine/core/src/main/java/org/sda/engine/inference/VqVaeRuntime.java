package org.sda.engine.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.StftConfig;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.OnnxNames;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

/**
 * The RVQ-VAE of a model, ready to run: its encoder, quantiser and decoder graphs in ONNX Runtime
 * (through DJL's {@code OnnxRuntime} engine) and its codebooks. The graph interfaces are those of
 * {@code docs/MODEL-FORMAT.md}; they are checked when the runtime opens, by one short probe run
 * of each graph, so a graph that does not fit its manifest fails at open with a message naming
 * the file and the graph rather than later in the middle of a job.
 *
 * <p>Shapes at this API are frame-major: log-mel {@code [T][melBands]}, latent
 * {@code [T'][codeDim]} with {@code T' = ceil(T / downsample)}, codes {@code [levels][T']},
 * decoder output {@code [T][bins]} (or {@code [T][melBands]} for a mel decoder).
 *
 * <p><b>Device.</b> CPU unless CUDA is asked for. CUDA is used only when the ONNX Runtime build
 * on the class path has the CUDA execution provider, a GPU is visible and the sessions can be
 * created on it; otherwise the runtime falls back to the CPU and {@link #deviceNotice()} says why.
 *
 * <p><b>Threading.</b> {@link #encode}, {@link #quantize}, {@link #lookup} and {@link #decode}
 * may be called from several threads at once: ONNX Runtime sessions allow concurrent runs, each
 * call allocates its own buffers, and the codebooks are read-only. They allocate and are not for
 * a real-time thread. {@link #close} releases the native sessions; it must be called once every
 * call has returned, and calls after it throw {@link IllegalStateException}.
 */
public final class VqVaeRuntime implements AutoCloseable {

    static final String LOG_MEL = OnnxNames.LOG_MEL;
    static final String LATENT = OnnxNames.LATENT;
    static final String CODES = OnnxNames.CODES;
    static final String QUANTIZED = OnnxNames.QUANTIZED;
    static final String LOG_MAGNITUDE = OnnxNames.LOG_MAGNITUDE;

    private final SdaModel model;
    private final SdaManifest.Vq vq;
    private final int melBands;
    private final int outputBands;
    private final float[][][] codebooks;
    private final OrtGraph encoder;
    private final OrtGraph quantizer;
    private final OrtGraph decoder;
    private final InferenceDevice device;
    private final String deviceNotice;
    /** Null when the model has none. */
    private final DetailMemory detailMemory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VqVaeRuntime(SdaModel model, List<OrtGraph> graphs, InferenceDevice device, String deviceNotice,
            DetailMemory detailMemory) {
        this.model = model;
        this.vq = model.manifest().vq();
        this.melBands = model.manifest().audio().melBands();
        this.outputBands = decodesMel(model.manifest()) ? melBands : model.manifest().audio().bins();
        this.codebooks = model.codebooks();
        this.encoder = graphs.get(0);
        this.quantizer = graphs.get(1);
        this.decoder = graphs.get(2);
        this.device = device;
        this.deviceNotice = deviceNotice;
        this.detailMemory = detailMemory;
    }

    /** Opens the model's networks on the CPU. */
    public static VqVaeRuntime open(SdaModel model) throws ModelFileException {
        return open(model, InferenceDevice.CPU);
    }

    /**
     * Opens the model's networks on {@code requested}, falling back to the CPU when CUDA cannot be
     * used (see {@link #deviceNotice()}).
     *
     * @throws ModelFileException if ONNX Runtime refuses a graph or a graph's inputs, outputs or
     *     shapes do not match the manifest
     */
    public static VqVaeRuntime open(SdaModel model, InferenceDevice requested) throws ModelFileException {
        String notice = null;
        if (requested == InferenceDevice.CUDA) {
            Optional<String> unusable = cudaUnavailableReason();
            if (unusable.isEmpty()) {
                try {
                    return probed(model, loadAll(model, Device.gpu()), InferenceDevice.CUDA, null);
                } catch (MalformedModelException | IOException | RuntimeException e) {
                    notice = "CUDA was requested but could not be used (" + OrtGraph.rootMessage(e)
                            + "); running on the CPU";
                }
            } else {
                notice = "CUDA was requested but " + unusable.get() + "; running on the CPU";
            }
        }
        try {
            return probed(model, loadAll(model, Device.cpu()), InferenceDevice.CPU, notice);
        } catch (MalformedModelException | IOException e) {
            throw new ModelFileException(model.file(), e.getMessage(), e);
        }
    }

    /** Why CUDA cannot be used here, or empty when it may be. */
    public static Optional<String> cudaUnavailableReason() {
        try {
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                return Optional.of("the installed ONNX Runtime has no CUDA support (it is the CPU build)");
            }
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("ONNX Runtime could not be asked for its providers (" + OrtGraph.rootMessage(e) + ")");
        }
        if (CudaUtils.getGpuCount() == 0) {
            return Optional.of("no CUDA GPU was found");
        }
        return Optional.empty();
    }

    private static List<OrtGraph> loadAll(SdaModel model, Device on) throws MalformedModelException, IOException {
        List<OrtGraph> graphs = new ArrayList<>();
        String current = SdaModel.ENCODER;
        try {
            for (String entry : List.of(SdaModel.ENCODER, SdaModel.QUANTIZER, SdaModel.DECODER)) {
                current = entry;
                graphs.add(OrtGraph.load(entry, model.entry(entry), on));
            }
            return graphs;
        } catch (MalformedModelException e) {
            graphs.forEach(OrtGraph::close);
            throw new MalformedModelException(current + " cannot be loaded by ONNX Runtime: "
                    + OrtGraph.rootMessage(e), e);
        } catch (IOException | RuntimeException e) {
            graphs.forEach(OrtGraph::close);
            throw e;
        }
    }

    private static VqVaeRuntime probed(SdaModel model, List<OrtGraph> graphs, InferenceDevice device, String notice)
            throws ModelFileException {
        DetailMemory memory;
        try {
            memory = readDetailMemory(model);
        } catch (ModelFileException e) {
            graphs.forEach(OrtGraph::close);
            throw e;
        }
        VqVaeRuntime runtime = new VqVaeRuntime(model, graphs, device, notice, memory);
        try {
            runtime.probe();
            return runtime;
        } catch (ModelFileException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private static DetailMemory readDetailMemory(SdaModel model) throws ModelFileException {
        Optional<byte[]> bytes = model.optionalEntry(SdaModel.DETAIL_MEMORY);
        if (bytes.isEmpty()) {
            return null;
        }
        if (decodesMel(model.manifest())) {
            throw new ModelFileException(model.file(), SdaModel.DETAIL_MEMORY + " belongs to a linear decoder, but "
                    + "this model's decoder predicts mel bands");
        }
        try {
            return DetailMemory.fromBytes(bytes.get(), model.manifest().vq().downsample(),
                    model.manifest().audio().bins());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(model.file(), SdaModel.DETAIL_MEMORY + " " + e.getMessage(), e);
        }
    }

    /** Runs each graph once on one code frame's worth of input and checks names and shapes. */
    private void probe() throws ModelFileException {
        int ds = vq.downsample();
        int d = vq.codeDim();
        expectInput(encoder, LOG_MEL);
        expectInput(quantizer, LATENT);
        expectInput(decoder, LATENT);
        try {
            Map<String, OrtGraph.Output> enc = encoder.run(LOG_MEL, new float[melBands * ds], 1, melBands, ds);
            expectOutput(encoder, enc, LATENT, true, 1, d, 1);
            Map<String, OrtGraph.Output> q = quantizer.run(LATENT, new float[d], 1, d, 1);
            expectOutput(quantizer, q, CODES, false, 1, vq.levels(), 1);
            expectOutput(quantizer, q, QUANTIZED, true, 1, d, 1);
            Map<String, OrtGraph.Output> dec = decoder.run(LATENT, new float[d], 1, d, 1);
            expectOutput(decoder, dec, LOG_MAGNITUDE, true, 1, outputBands, ds);
        } catch (InferenceException e) {
            throw new ModelFileException(model.file(), e.getMessage(), e);
        }
    }

    private void expectInput(OrtGraph graph, String name) throws ModelFileException {
        if (!graph.inputNames().equals(List.of(name))) {
            throw new ModelFileException(model.file(), graph.entry() + " takes inputs " + graph.inputNames()
                    + ", expected one input named " + name);
        }
    }

    private void expectOutput(OrtGraph graph, Map<String, OrtGraph.Output> outputs, String name, boolean floats,
            long... shape) throws ModelFileException {
        OrtGraph.Output out = outputs.get(name);
        if (out == null) {
            throw new ModelFileException(model.file(), graph.entry() + " has no output named " + name
                    + " (it has " + outputs.keySet() + ")");
        }
        if ((out.floats() != null) != floats) {
            throw new ModelFileException(model.file(), graph.entry() + ": output " + name + " should be "
                    + (floats ? "float32" : "int64"));
        }
        if (!Arrays.equals(out.shape(), shape)) {
            throw new ModelFileException(model.file(), graph.entry() + ": output " + name + " has shape "
                    + out.shapeText() + " for one code frame, the manifest implies " + Arrays.toString(shape));
        }
    }

    static boolean decodesMel(SdaManifest manifest) {
        return SdaManifest.Vq.MEL.equals(manifest.vq().decoderOutput());
    }

    public SdaModel model() {
        return model;
    }

    public SdaManifest manifest() {
        return model.manifest();
    }

    /** The device the networks actually run on. */
    public InferenceDevice device() {
        return device;
    }

    /** Why the runtime is not on the device that was asked for; empty when it is. */
    public Optional<String> deviceNotice() {
        return Optional.ofNullable(deviceNotice);
    }

    /** Bands per decoded frame: STFT bins for a linear decoder, mel bands for a mel decoder. */
    public int outputBands() {
        return outputBands;
    }

    /** Latent frames for {@code frames} STFT frames: {@code ceil(frames / downsample)}. */
    public int latentFrames(int frames) {
        return (frames + vq.downsample() - 1) / vq.downsample();
    }

    /** The codes of a sound at the model's rate, through the model's own front end (its log-mel). */
    public long[][] codesOfAudio(float[] audio) {
        SdaManifest.Audio a = manifest().audio();
        LogMel logMel = new LogMel(new StftConfig(a.nFft(), a.hop()),
                new MelFilterbank(a.sampleRate(), a.nFft(), a.melBands()));
        return codes(encode(logMel.logMel(audio)));
    }

    /**
     * Encodes log-mel frames into the continuous latent. A frame count that is not a multiple of
     * {@code downsample} is padded by repeating the last frame.
     *
     * @param logMel {@code [T][melBands]}, natural-log mel magnitudes as {@code LogMel} computes them
     * @return {@code [ceil(T / downsample)][codeDim]}
     */
    public float[][] encode(float[][] logMel) {
        checkOpen();
        int frames = logMel.length;
        if (frames == 0) {
            throw new IllegalArgumentException("no frames to encode");
        }
        int padded = latentFrames(frames) * vq.downsample();
        float[] flat = new float[melBands * padded];
        for (int t = 0; t < padded; t++) {
            float[] row = logMel[Math.min(t, frames - 1)];
            if (row.length != melBands) {
                throw new IllegalArgumentException("frame " + t + " has " + row.length + " bands, the model takes "
                        + melBands);
            }
            for (int m = 0; m < melBands; m++) {
                flat[m * padded + t] = row[m];
            }
        }
        OrtGraph.Output out = output(encoder, run(encoder, LOG_MEL, flat, 1, melBands, padded), LATENT,
                vq.codeDim(), latentFrames(frames));
        return toFrameMajor(out.floats(), vq.codeDim(), latentFrames(frames));
    }

    /** Quantises a latent sequence {@code [T'][codeDim]} with the model's own quantiser graph. */
    public Quantized quantize(float[][] latent) {
        checkOpen();
        int frames = checkLatent(latent);
        Map<String, OrtGraph.Output> outputs = run(quantizer, LATENT, toChannelMajor(latent), 1, vq.codeDim(), frames);
        long[] flatCodes = output(quantizer, outputs, CODES, vq.levels(), frames).longs();
        long[][] codes = new long[vq.levels()][frames];
        for (int l = 0; l < codes.length; l++) {
            System.arraycopy(flatCodes, l * frames, codes[l], 0, frames);
        }
        float[] quantized = output(quantizer, outputs, QUANTIZED, vq.codeDim(), frames).floats();
        return new Quantized(codes, toFrameMajor(quantized, vq.codeDim(), frames));
    }

    /** The code indices alone, {@code [levels][T']}. */
    public long[][] codes(float[][] latent) {
        return quantize(latent).codes();
    }

    /**
     * The latent a code grid stands for: the sum over levels of {@code codebooks[l][codes[l][t]]}.
     * Equal (to rounding) to the quantiser's {@code quantized} output for the codes it chose.
     *
     * @param codes {@code [levels][T']}; fewer levels than the model has use the coarse ones only
     * @return {@code [T'][codeDim]}
     */
    public float[][] lookup(long[][] codes) {
        if (codes.length == 0 || codes.length > vq.levels()) {
            throw new IllegalArgumentException("codes have " + codes.length + " levels, the model has " + vq.levels());
        }
        int frames = codes[0].length;
        float[][] latent = new float[frames][vq.codeDim()];
        for (int l = 0; l < codes.length; l++) {
            if (codes[l].length != frames) {
                throw new IllegalArgumentException("level " + l + " has " + codes[l].length + " frames, level 0 has "
                        + frames);
            }
            for (int t = 0; t < frames; t++) {
                long code = codes[l][t];
                if (code < 0 || code >= vq.codebookSize()) {
                    throw new IllegalArgumentException("code " + code + " at level " + l + ", frame " + t
                            + " is outside the codebook (0.." + (vq.codebookSize() - 1) + ")");
                }
                float[] vector = codebooks[l][(int) code];
                float[] row = latent[t];
                for (int i = 0; i < row.length; i++) {
                    row[i] += vector[i];
                }
            }
        }
        return latent;
    }

    /**
     * Decodes a latent sequence into log-magnitude frames.
     *
     * @param latent {@code [T'][codeDim]}
     * @return {@code [T' * downsample][outputBands]}: natural-log linear STFT magnitudes, or log mel
     *     magnitudes for a mel decoder
     */
    public float[][] decode(float[][] latent) {
        checkOpen();
        int frames = checkLatent(latent);
        int outFrames = frames * vq.downsample();
        OrtGraph.Output out = output(decoder, run(decoder, LATENT, toChannelMajor(latent), 1, vq.codeDim(), frames),
                LOG_MAGNITUDE, outputBands, outFrames);
        return toFrameMajor(out.floats(), outputBands, outFrames);
    }

    /** The model's detail memory, if it has one. */
    public Optional<DetailMemory> detailMemory() {
        return Optional.ofNullable(detailMemory);
    }

    /**
     * Decodes codes: their {@link #lookup}, the decoder, trimmed to {@code frames}, and with {@code
     * withDetail} the {@link DetailMemory}'s detail where it knows the codes.
     *
     * @param codes {@code [levels][T']}
     * @return {@code [frames][outputBands]} natural-log magnitudes
     */
    public float[][] decodeCodes(long[][] codes, int frames, boolean withDetail) {
        float[][] out = decode(lookup(codes), frames);
        if (withDetail && detailMemory != null && codes.length == vq.levels()) {
            detailMemory.apply(codes, out);
        }
        return out;
    }

    /** {@link #decode(float[][])} trimmed to the first {@code frames} frames (undoing the encoder's padding). */
    public float[][] decode(float[][] latent, int frames) {
        float[][] all = decode(latent);
        if (frames < 0 || frames > all.length) {
            throw new IllegalArgumentException("cannot trim " + all.length + " decoded frames to " + frames);
        }
        return frames == all.length ? all : Arrays.copyOf(all, frames);
    }

    private Map<String, OrtGraph.Output> run(OrtGraph graph, String input, float[] flat, long... shape) {
        try {
            return graph.run(input, flat, shape);
        } catch (InferenceException e) {
            throw new InferenceException(model.file() + ": " + e.getMessage(), e);
        }
    }

    private int checkLatent(float[][] latent) {
        if (latent.length == 0) {
            throw new IllegalArgumentException("no latent frames");
        }
        for (float[] row : latent) {
            if (row.length != vq.codeDim()) {
                throw new IllegalArgumentException("latent frame has " + row.length + " dimensions, the model's codes "
                        + "have " + vq.codeDim());
            }
        }
        return latent.length;
    }

    private OrtGraph.Output output(OrtGraph graph, Map<String, OrtGraph.Output> outputs, String name, int channels,
            int frames) {
        OrtGraph.Output out = outputs.get(name);
        long[] expected = {1, channels, frames};
        if (out == null || !Arrays.equals(out.shape(), expected)) {
            throw new InferenceException(model.file() + ": " + graph.entry() + " returned "
                    + (out == null ? "no " + name : name + " of shape " + out.shapeText()) + ", expected "
                    + Arrays.toString(expected));
        }
        return out;
    }

    private static float[] toChannelMajor(float[][] frames) {
        int t = frames.length;
        int c = frames[0].length;
        float[] flat = new float[c * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < c; j++) {
                flat[j * t + i] = frames[i][j];
            }
        }
        return flat;
    }

    private static float[][] toFrameMajor(float[] flat, int channels, int frames) {
        float[][] out = new float[frames][channels];
        for (int j = 0; j < channels; j++) {
            for (int i = 0; i < frames; i++) {
                out[i][j] = flat[j * frames + i];
            }
        }
        return out;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(model.file() + ": the model's runtime is closed");
        }
    }

    /** Releases the ONNX Runtime sessions. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            encoder.close();
            quantizer.close();
            decoder.close();
        }
    }
}
