package org.sda.engine.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sda.engine.analysis.LatentControls;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.Loudness;
import org.sda.engine.inference.InferenceDevice;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.inference.Reconstructor;
import org.sda.engine.inference.VqVaeRuntime;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

/**
 * New sounds from a model with a prior: the prior samples code frames (windowed continuation past
 * its context), chunks of them are decoded to audio as soon as their frames are there (in parallel
 * with the sampling), and the chunks are joined by overlap-add crossfades ({@link ChunkPlan}). The
 * result is normalised to a peak of {@value Reconstructor#PEAK_CEILING_DBFS} dBFS, the level the
 * training sounds were given.
 *
 * <p>Reproducible: the same model, settings and seed give the same samples, byte for byte, whatever
 * the thread count (each variation draws from its own generator seeded with
 * {@link GenerationSettings#seedOf}); for a batch, with the same count too (see {@link #generate(
 * GenerationSettings, int, Listener)}).
 *
 * <p>Threading: {@link #generate} may be called from several threads at once. Each call samples on
 * its own thread and decodes on the generator's pool ({@code threads} workers, the number of cores
 * by default). Not for a real-time thread: it allocates and takes a while. Close it when done.
 */
public final class Generator implements AutoCloseable {

    /** Progress, called on generating and decoding threads (so possibly concurrently). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Variation {@code variation} has {@code frames} of its {@code total} code frames. */
        default void codes(int variation, int frames, int total) {
        }

        /** Variation {@code variation} has {@code done} of its {@code total} chunks decoded. */
        default void chunkDecoded(int variation, int done, int total) {
        }
    }

    /**
     * One generated sound with what made it.
     *
     * @param audio mono at the model's rate
     * @param codes {@code [levels][T']}, the sampled code grid
     * @param joinSamples where chunks were joined, in samples
     * @param steps prior runs
     */
    public record Generated(AudioBuffer audio, long[][] codes, int[] joinSamples, long steps) {
    }

    private final SdaModel model;
    private final VqVaeRuntime vqvae;
    private final PriorRuntime prior;
    private final ChunkDecoder plainDecoder;
    /** The plain decoder, or one that moves the latent along control axes; swapped whole. */
    private volatile ChunkDecoder decoder;
    private final ExecutorService decodePool;
    private final int threads;
    /** Whether sounds are one-shots: the prior may end them, and they fade at the length asked for. */
    private volatile boolean oneShots;
    /** The penalty on the coarse level's leaps; swapped whole. */
    private volatile CoarseContinuity continuity;
    /** Strength of the guide that keeps one-shots decaying ({@link DecayGuide}); 0 for none. */
    private volatile double decay = DecayGuide.DEFAULT_STRENGTH;
    /** Each coarse code's loudness, measured on first use. */
    private float[] coarseLoudness;

    private Generator(SdaModel model, VqVaeRuntime vqvae, PriorRuntime prior, ChunkDecoder decoder, int threads) {
        this.model = model;
        this.vqvae = vqvae;
        this.prior = prior;
        this.plainDecoder = decoder;
        this.decoder = decoder;
        this.threads = threads;
        this.oneShots = isOneShotSet(model.manifest());
        this.continuity = CoarseContinuity.of(model.codebooks()[0],
                model.manifest().prior() == null ? 0 : model.manifest().prior().continuity());
        AtomicInteger n = new AtomicInteger();
        this.decodePool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sda-generate-decode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the model's prior and networks on the CPU. */
    public static Generator open(SdaModel model) throws ModelFileException {
        return open(model, InferenceDevice.CPU);
    }

    /** Opens on {@code device} (the prior always runs on the CPU: one token at a time is faster there). */
    public static Generator open(SdaModel model, InferenceDevice device) throws ModelFileException {
        return open(model, device, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads decoding workers, and the most variations sampled at once
     * @throws ModelFileException if the model has no prior (the message says how to train one) or a
     *     graph cannot be loaded
     */
    public static Generator open(SdaModel model, InferenceDevice device, int threads) throws ModelFileException {
        Objects.requireNonNull(model, "model");
        PriorRuntime prior = PriorRuntime.open(model, 1);
        try {
            VqVaeRuntime vqvae = VqVaeRuntime.open(model, device);
            return new Generator(model, vqvae, prior, new ChunkDecoder(vqvae), Math.max(1, threads));
        } catch (ModelFileException | RuntimeException e) {
            prior.close();
            throw e;
        }
    }

    /**
     * The temperature the prior is sampled at for {@code settings}: the user's temperature times
     * the one calibrated for this prior after training (1 for models without one).
     */
    public double absoluteTemperature(GenerationSettings settings) {
        return settings.temperature() * temperatureScale(model.manifest());
    }

    /** What temperature 1 stands for with this model's prior (see {@link SdaManifest.Prior#sampling}). */
    public static double temperatureScale(SdaManifest manifest) {
        return manifest.prior() == null ? 1.0 : manifest.prior().temperatureScale();
    }

    public SdaModel model() {
        return model;
    }

    public int sampleRate() {
        return decoder.sampleRate();
    }

    public PriorRuntime prior() {
        return prior;
    }

    public ChunkDecoder decoder() {
        return decoder;
    }

    /**
     * Moves the latent of every sound generated from now on along the model's control axes
     * ({@code sda model info} lists them), before decoding: the musical controls. An empty map
     * goes back to the plain decoder. Safe to call while another thread generates: a generation
     * uses the offsets in force when it starts.
     *
     * @param offsets axis name (any case) to offset
     * @throws IllegalArgumentException if the model has no such axis, or an offset is beyond the
     *     axis's warning range (the message lists the ranges)
     */
    public void setAxisOffsets(Map<String, Double> offsets) {
        decoder = decoderWith(offsets);
    }

    /**
     * This generator's decoder with the latent moved along the model's control axes, for
     * {@link #generateOne}: what {@link #setAxisOffsets} installs, without changing this
     * generator, so threads can generate with different offsets at once.
     *
     * @throws IllegalArgumentException as {@link #setAxisOffsets}
     */
    public ChunkDecoder decoderWith(Map<String, Double> offsets) {
        Map<String, Double> fixed = Map.copyOf(offsets);
        if (fixed.isEmpty()) {
            return plainDecoder;
        }
        SdaManifest.Analysis analysis = model.manifest().analysis();
        LatentControls.shift(analysis, fixed, model.manifest().vq().codeDim()); // refuses bad offsets now
        return plainDecoder.withLatentTransform(latent -> LatentControls.apply(latent, analysis, fixed));
    }

    /**
     * A set whose sounds last {@value #ONE_SHOT_MEAN_SECONDS} s or less on average is taken for a set
     * of one-shots (hits, strokes, plucks: tabla 1.2 s, drums 0.9 s, where ambient textures and loops
     * average about 5 s): each generated variation should be one such sound, of about that length.
     */
    public static final double ONE_SHOT_MEAN_SECONDS = 2.5;

    /** A one-shot may end (by the prior) from this share of the length asked for on. */
    static final double EARLIEST_END = 0.25;

    /** Fade at the end of a one-shot the prior ended. */
    static final double END_FADE_SECONDS = 0.02;
    /** How long a one-shot's attack may rise before the {@link DecayGuide} holds it to its decay. */
    static final double ATTACK_SECONDS = 0.05;

    /** Default length of a sound from a set that is not of one-shots. */
    public static final double DEFAULT_SECONDS = 4.0;

    /** The mean length of the training set's sounds, from the manifest; NaN if it does not say. */
    public static double meanSoundSeconds(SdaManifest manifest) {
        SdaManifest.Dataset d = manifest.dataset();
        return d == null || d.fileCount() < 1 || !(d.totalSeconds() > 0) ? Double.NaN
                : d.totalSeconds() / d.fileCount();
    }

    /** Whether the model was trained on one-shots ({@link #ONE_SHOT_MEAN_SECONDS}). */
    public static boolean isOneShotSet(SdaManifest manifest) {
        return meanSoundSeconds(manifest) <= ONE_SHOT_MEAN_SECONDS;
    }

    /**
     * How long a sound is when nobody says: the set's mean length for a set of one-shots (at
     * least 0.25 s), else {@value #DEFAULT_SECONDS} s.
     */
    public static double defaultSeconds(SdaManifest manifest) {
        return isOneShotSet(manifest) ? Math.max(0.25, meanSoundSeconds(manifest)) : DEFAULT_SECONDS;
    }

    /**
     * Whether generated sounds are one-shots: each starts from a start of sound, the prior may end
     * it (from a quarter of the length asked for on) where it learned that sounds end, and one it
     * did not end fades out over its last quarter. On by default for a model trained on a set of
     * one-shots ({@link #isOneShotSet}); safe to change while another thread generates (a
     * generation uses the value in force when its codes are sampled).
     */
    public void setOneShots(boolean on) {
        oneShots = on;
    }

    public boolean oneShots() {
        return oneShots;
    }

    /**
     * The strength of the penalty on the coarse level's leaps ({@link CoarseContinuity}); by
     * default the one calibrated for this prior (0 for models without one). Safe to change while
     * another thread generates, like {@link #setOneShots}.
     */
    public void setContinuity(double strength) {
        continuity = CoarseContinuity.of(model.codebooks()[0], strength);
    }

    public double continuity() {
        return continuity.strength();
    }

    /**
     * The strength of the guide that keeps one-shots dying away after their attack
     * ({@link DecayGuide}); used only while {@link #oneShots()} is on. Safe to change while another
     * thread generates, like {@link #setOneShots}.
     */
    public void setDecay(double strength) {
        DecayGuide.checkStrength(strength);
        decay = strength;
    }

    public double decay() {
        return decay;
    }

    /** The guide for one-shot sounds at the strength in force, or null for none. */
    private DecayGuide decayGuide() {
        double strength = decay;
        if (strength == 0) {
            return null;
        }
        float[] loudness;
        synchronized (this) {
            if (coarseLoudness == null) {
                coarseLoudness = DecayGuide.coarseLoudness(vqvae);
            }
            loudness = coarseLoudness;
        }
        int attack = (int) Math.ceil(ATTACK_SECONDS * sampleRate() / decoder.samplesPerFrame());
        return DecayGuide.of(loudness, strength, Math.max(1, attack), (double) decoder.samplesPerFrame() / sampleRate());
    }

    /** Code frames for {@code seconds} of audio (rounded up; the last STFT hop has no frame centred in it). */
    public int framesFor(double seconds) {
        int hop = decoder.samplesPerFrame() / model.manifest().vq().downsample();
        return (int) Math.max(2, Math.ceil((seconds * sampleRate() + hop) / decoder.samplesPerFrame()));
    }

    /** One sound: variation 0 of the settings (its seed as given). */
    public AudioBuffer generate(GenerationSettings settings, Listener listener) {
        return generateOne(settings, 0, listener, decoder()).audio();
    }

    /** Variations sampled together in one batch of the prior (one run feeds a token to each). */
    public static final int MAX_GROUP = 16;

    /**
     * {@code count} variations. The prior samples them in groups of up to {@value #MAX_GROUP} (one
     * run of the prior feeds a token to every variation of a group, which costs little more than
     * one), groups in parallel on up to {@code threads} threads; chunks are decoded on the pool as
     * their codes arrive. Variation {@code i} draws from the seed {@link GenerationSettings#seedOf}.
     * The same settings, seed and count give the same sounds, byte for byte; variation {@code i}
     * of a batch is the sound a single generation with its seed gives except, rarely, where the
     * prior's logits in a batch differ in their last bits and tip a draw.
     */
    public List<AudioBuffer> generate(GenerationSettings settings, int count, Listener listener) {
        return generateAll(settings, count, listener, decoder).stream().map(Generated::audio).toList();
    }

    /**
     * As {@link #generate(GenerationSettings, int, Listener)}, with the codes and joins of each
     * variation, decoded by {@code chunkDecoder} (this generator's, or one derived from it).
     */
    public List<Generated> generateAll(GenerationSettings settings, int count, Listener listener,
                                       ChunkDecoder chunkDecoder) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        int groups = (count + MAX_GROUP - 1) / MAX_GROUP;
        int size = (count + groups - 1) / groups;
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(groups, threads), r -> {
            Thread t = new Thread(r, "sda-generate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Generated>>> futures = new ArrayList<>();
            for (int first = 0; first < count; first += size) {
                int from = first;
                int n = Math.min(size, count - first);
                futures.add(workers.submit(() -> generateGroup(settings, from, n, listener, chunkDecoder)));
            }
            List<Generated> out = new ArrayList<>();
            for (Future<List<Generated>> f : futures) {
                out.addAll(await(f));
            }
            return out;
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * One variation with its codes and joins, decoded by {@code chunkDecoder} (this generator's,
     * or one derived from it with a latent transform).
     */
    public Generated generateOne(GenerationSettings settings, int variation, Listener listener,
                                 ChunkDecoder chunkDecoder) {
        return generateGroup(settings, variation, 1, listener, chunkDecoder).get(0);
    }

    /**
     * Variations {@code first .. first + n - 1}, sampled as one batch of the prior on the calling
     * thread and decoded on the pool.
     */
    public List<Generated> generateGroup(GenerationSettings settings, int first, int n, Listener listener,
                                         ChunkDecoder chunkDecoder) {
        int frames = framesFor(settings.seconds());
        TokenLayout layout = prior.layout();
        ChunkPlan[] plans = new ChunkPlan[n];
        java.util.Arrays.fill(plans, ChunkPlan.of(frames, chunkDecoder.samplesPerFrame()));
        List<List<Future<float[]>>> chunks = new ArrayList<>();
        List<AtomicInteger> decoded = new ArrayList<>();
        TokenSampler[] samplers = new TokenSampler[n];
        for (int i = 0; i < n; i++) {
            chunks.add(new ArrayList<>());
            decoded.add(new AtomicInteger());
            samplers[i] = new TokenSampler(absoluteTemperature(settings), settings.topK(), settings.topP(),
                    settings.seedOf(first + i));
        }
        CodeGenerator.BatchListener onFrames = new CodeGenerator.BatchListener() {
            @Override
            public void framesReady(int row, int ready, int[] tokens) {
                int variation = first + row;
                listener.codes(variation, ready, frames);
                ChunkPlan plan = plans[row];
                List<Future<float[]>> mine = chunks.get(row);
                while (mine.size() < plan.chunks() && plan.decodeEnd(mine.size()) <= ready) {
                    int i = mine.size();
                    long[][] codes = layout.grid(tokens, plan.decodeStart(i),
                            plan.decodeEnd(i) - plan.decodeStart(i));
                    AtomicInteger done = decoded.get(row);
                    int count = plan.chunks();
                    mine.add(decodePool.submit(() -> {
                        float[] audio = chunkDecoder.decode(codes);
                        listener.chunkDecoded(variation, done.incrementAndGet(), count);
                        return audio;
                    }));
                }
            }

            @Override
            public void ended(int row, int endFrame) {
                // The sound is cut at its end: decode it only that far (and a little past, for the
                // decoder's context), and as soon as its frames are there, while the prior goes on
                // with the others. Chunks already decoding keep their frames.
                ChunkPlan plan = plans[row];
                int started = chunks.get(row).size();
                int needed = Math.min(frames, endFrame + CodeGenerator.FRAMES_PAST_END);
                int covered = started == 0 ? 0 : plan.decodeEnd(started - 1);
                plans[row] = new ChunkPlan(Math.max(needed, covered), plan.core(), plan.margin(),
                        plan.samplesPerFrame());
            }
        };
        CodeGenerator.Result[] results;
        try {
            int earliestEnd = oneShots ? Math.max(2, (int) Math.round(frames * EARLIEST_END)) : -1;
            CoarseContinuity leaps = continuity;
            results = new CodeGenerator(prior, earliestEnd, leaps.strength() > 0 ? leaps : null,
                    oneShots ? decayGuide() : null)
                    .generateBatch(frames, samplers, onFrames);
        } catch (RuntimeException e) {
            chunks.forEach(list -> list.forEach(f -> f.cancel(true)));
            throw e;
        }
        List<Generated> out = new ArrayList<>();
        int samples = (int) Math.round(settings.seconds() * sampleRate());
        for (int row = 0; row < n; row++) {
            ChunkPlan plan = plans[row];
            float[][] audio = new float[plan.chunks()][];
            for (int i = 0; i < audio.length; i++) {
                audio[i] = await(chunks.get(row).get(i));
            }
            float[] joined = plan.stitch(audio);
            int end = results[row].endFrame();
            int length = Math.min(samples, end * chunkDecoder.samplesPerFrame());
            float[] trimmed = length >= joined.length ? joined : java.util.Arrays.copyOf(joined, length);
            if (oneShots) {
                // Ended by the prior: a short fade over what is left of the decay; cut at the
                // length asked for: a fade over its last quarter, so the sound still dies away.
                fadeOut(trimmed, results[row].ended() ? (int) Math.round(END_FADE_SECONDS * sampleRate())
                        : trimmed.length / 4);
            }
            AudioBuffer sound = Loudness.normalizePeak(AudioBuffer.mono(trimmed, sampleRate()),
                    Reconstructor.PEAK_CEILING_DBFS);
            out.add(new Generated(sound, layout.grid(results[row].tokens(), 0, Math.min(frames, end)),
                    plan.joinSamples(), results[row].steps()));
        }
        return out;
    }

    /** Raised-cosine fade to silence over the last {@code length} samples. */
    static void fadeOut(float[] audio, int length) {
        int n = Math.min(length, audio.length);
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / n; // 0 at the fade's start, 1 at the end
            audio[audio.length - n + i] *= (float) (0.5 + 0.5 * Math.cos(Math.PI * x));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("generation was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new InferenceException("generation failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        decodePool.shutdownNow();
        prior.close();
        vqvae.close();
    }
}
