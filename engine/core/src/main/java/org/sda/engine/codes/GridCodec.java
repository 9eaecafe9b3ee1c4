package org.sda.engine.codes;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.sda.engine.analysis.LatentControls;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.SdaManifest;

/**
 * Audio to code grids and back, through one model. Encoding and decoding are the two halves of
 * {@link Reconstructor#reconstruct} (the same levelling, features, networks, phase reconstruction
 * and peak handling), so decoding an encoded sound gives the reconstruction sample for sample.
 *
 * <pre>
 *   encode: audio → Reconstructor.analyse → codes [levels][T'] → CodeGrid
 *   decode: CodeGrid → latent [T'][codeDim] (code lookup, or blended embeddings)
 *           → LatentControls (axis offsets) → Reconstructor.synthesise → audio
 * </pre>
 *
 * <p>Threading: immutable; encode and decode may run on several threads at once (see
 * {@link Reconstructor}). They allocate and take a while: not for a real-time thread.
 */
public final class GridCodec {

    private final Reconstructor reconstructor;
    private final VqVaeRuntime runtime;
    private final ModelIdentity identity;
    private final float[][][] codebooks;
    private final GridTiming timing;

    public GridCodec(VqVaeRuntime runtime) {
        this(new Reconstructor(runtime));
    }

    public GridCodec(Reconstructor reconstructor) {
        this.reconstructor = Objects.requireNonNull(reconstructor, "reconstructor");
        this.runtime = reconstructor.runtime();
        this.identity = ModelIdentity.of(runtime.model());
        this.codebooks = runtime.model().codebooks();
        SdaManifest manifest = runtime.manifest();
        this.timing = new GridTiming(manifest.audio().sampleRate(), manifest.audio().hop(), manifest.vq().downsample());
    }

    public ModelIdentity identity() {
        return identity;
    }

    public GridTiming timing() {
        return timing;
    }

    public VqVaeRuntime runtime() {
        return runtime;
    }

    public Reconstructor reconstructor() {
        return reconstructor;
    }

    /** The codebooks {@code [levels][codebookSize][codeDim]}; read-only. */
    float[][][] codebooks() {
        return codebooks;
    }

    /** Reads a sound (any format {@link AudioFiles} reads) and encodes it. */
    public CodeGrid encode(Path file) throws AudioReadException {
        AudioBuffer audio = AudioFiles.read(file);
        if (audio.frameCount() == 0) {
            throw new AudioReadException(file, AudioReadException.Kind.EMPTY, "has no audio");
        }
        return encode(audio);
    }

    /** Encodes a sound at any rate and channel count. */
    public CodeGrid encode(AudioBuffer audio) {
        return grid(reconstructor.analyse(audio, Reconstructor.Listener.NONE));
    }

    /** The grid of an analysis made by this model's reconstructor. */
    public CodeGrid grid(Reconstructor.Analysis analysis) {
        long[][] codes = analysis.codes();
        int[][] ints = new int[codes.length][codes[0].length];
        for (int l = 0; l < codes.length; l++) {
            for (int t = 0; t < codes[l].length; t++) {
                ints[l][t] = Math.toIntExact(codes[l][t]);
            }
        }
        return CodeGrid.of(identity, LevelLabels.of(runtime.manifest().vq()), timing, analysis.samples(),
                -analysis.levellingDb(), ints, null, null);
    }

    /** Decodes a grid as it is. */
    public Reconstructor.Synthesis decode(CodeGrid grid) {
        return decode(grid, Map.of());
    }

    /**
     * Decodes a grid with axis offsets (see {@link LatentControls}).
     *
     * @throws IllegalArgumentException if the grid belongs to another model or an offset is refused
     */
    public Reconstructor.Synthesis decode(CodeGrid grid, Map<String, Double> offsets) {
        requireOwn(grid);
        if (!grid.hasBlend() && offsets.isEmpty()) {
            // Codes as they are: the model's detail memory restores what it kept of them.
            return reconstructor.synthesise(grid.codes(), timing.stftFrames(grid.samples()), grid.samples(),
                    -grid.gainDb(), Reconstructor.Listener.NONE);
        }
        float[][] latent = LatentControls.apply(latent(grid), runtime.manifest().analysis(), offsets);
        return reconstructor.synthesise(latent, timing.stftFrames(grid.samples()), grid.samples(), -grid.gainDb(),
                Reconstructor.Listener.NONE);
    }

    /**
     * The latent a grid stands for, {@code [frames][codeDim]}: the runtime's code lookup for a grid
     * without blends, the blended embeddings otherwise.
     */
    public float[][] latent(CodeGrid grid) {
        requireOwn(grid);
        return grid.hasBlend() ? grid.latent(codebooks) : runtime.lookup(grid.codes());
    }

    /** Refuses a grid of another model, saying which. */
    public void requireOwn(CodeGrid grid) {
        if (!grid.model().sameNetworks(identity)) {
            throw new IllegalArgumentException("the codes were made by model " + grid.model() + ", not by "
                    + identity + "; encode the sound again with this model");
        }
        if (!grid.timing().equals(timing)) {
            throw new IllegalArgumentException("the codes' timing " + grid.timing() + " is not the model's " + timing);
        }
    }
}
