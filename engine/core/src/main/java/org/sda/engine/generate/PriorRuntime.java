package org.sda.engine.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sda.engine.inference.InferenceException;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.OnnxNames;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

/**
 * The prior's single-step graph ({@code prior.onnx}) in ONNX Runtime, with its cache kept as
 * native tensors between steps, so that a token costs one step whatever the length of the prefix.
 *
 * <p>Graph interface (docs/MODEL-FORMAT.md): inputs {@code token} int64 {@code [B, S]} (embedding
 * indices, see {@link TokenLayout#embeddingIndex}), {@code position} int64 {@code [B, S]}
 * (transformer only), and the past cache; outputs {@code logits} float32 {@code [B, S, levels *
 * tokensPerLevel]} (after each token, the next token's logits for every level; the caller reads
 * the slice of the level that comes next) and the new cache. Transformer cache: {@code past_key}, {@code past_value}
 * {@code [layers, B, heads, P, width / heads]} → {@code present_key}, {@code present_value} with
 * {@code P + S}. GRU cache: {@code past_hidden [layers, B, width]} → {@code present_hidden}.
 *
 * <p>This class uses ONNX Runtime's own Java API rather than DJL's wrapper: the step is called
 * thousands of times per second, and the cache outputs are fed back as they are, without copies
 * to the Java heap. Threading: {@link #step} may run on several threads at once, each with its own
 * {@link State}; a State belongs to one thread at a time.
 */
public final class PriorRuntime implements AutoCloseable {

    static final String TOKEN = OnnxNames.TOKEN;
    static final String POSITION = OnnxNames.POSITION;
    static final String LOGITS = OnnxNames.LOGITS;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final SdaManifest.Prior prior;
    private final TokenLayout layout;
    private final boolean usesPosition;
    private final List<String> cacheNames;
    private final String source;

    private PriorRuntime(OrtEnvironment env, OrtSession session, SdaManifest.Prior prior, TokenLayout layout,
                         String source) throws OrtException {
        this.env = env;
        this.session = session;
        this.prior = prior;
        this.layout = layout;
        this.source = source;
        Set<String> inputs = session.getInputNames();
        this.usesPosition = inputs.contains(POSITION);
        this.cacheNames = inputs.stream().filter(n -> n.startsWith(OnnxNames.PAST))
                .map(n -> n.substring(OnnxNames.PAST.length())).sorted()
                .toList();
        if (!inputs.contains(TOKEN) || !session.getOutputNames().contains(LOGITS) || cacheNames.isEmpty()) {
            throw new OrtException("prior.onnx has inputs " + inputs + " and outputs " + session.getOutputNames()
                    + "; expected token, past_* → logits, present_*");
        }
        for (String c : cacheNames) {
            if (!session.getOutputNames().contains(OnnxNames.present(c))) {
                throw new OrtException("prior.onnx has past_" + c + " but no present_" + c);
            }
        }
    }

    /**
     * Opens the model's prior on the CPU with {@code threads} intra-op threads (1 is fastest for
     * one token at a time; run several generations in parallel instead).
     *
     * @throws ModelFileException if the model has no prior (the message says how to train one), or
     *     ONNX Runtime refuses it
     */
    public static PriorRuntime open(SdaModel model, int threads) throws ModelFileException {
        SdaManifest.Prior prior = model.manifest().prior();
        Optional<byte[]> bytes = model.optionalEntry(SdaModel.PRIOR);
        if (prior == null || bytes.isEmpty()) {
            throw new ModelFileException(model.file(), "has no prior, so it cannot generate new sounds yet; train one "
                    + "with  sda train-prior " + (model.file() == null ? "MODEL.sda" : model.file()));
        }
        try {
            TokenLayout.Order.of(prior.tokenOrder());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(model.file(), "its prior uses token order \"" + prior.tokenOrder()
                    + "\", which this version does not know (it knows \"flat\" and \"delay\")");
        }
        TokenLayout layout;
        try {
            layout = TokenLayout.of(prior, model.manifest().vq().levels());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(model.file(), "its prior's manifest is inconsistent: " + e.getMessage());
        }
        if (layout.codebookSize() != model.manifest().vq().codebookSize()) {
            throw new ModelFileException(model.file(), "its prior has " + layout.codebookSize()
                    + " codes per level, the codebooks " + model.manifest().vq().codebookSize());
        }
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(bytes.get(), options);
            try {
                PriorRuntime runtime = new PriorRuntime(env, session, prior, layout, String.valueOf(model.file()));
                runtime.warmUp();
                return runtime;
            } catch (OrtException | InferenceException e) {
                session.close();
                throw e;
            }
        } catch (OrtException | InferenceException e) {
            throw new ModelFileException(model.file(), "prior.onnx cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * ONNX Runtime's one environment per process. DJL's ONNX Runtime engine (which runs the other
     * graphs) creates it with its own thread settings and fails if it already exists, so DJL is
     * asked to create it first.
     */
    private static OrtEnvironment environment() {
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }

    /**
     * One step before the session is shared: ONNX Runtime 1.21 builds its execution plan on the
     * first run, and two first runs at once have been seen to abort the process in that code.
     */
    private void warmUp() {
        try (State state = newState()) {
            step(state, layout.embeddingIndex(0, layout.startToken()), 0);
        }
    }

    public SdaManifest.Prior prior() {
        return prior;
    }

    public TokenLayout layout() {
        return layout;
    }

    /** A fresh, empty cache for one sequence (batch 1). Close it when done. */
    public State newState() {
        return new State(1);
    }

    /** A fresh, empty cache for {@code batch} sequences fed in lockstep. Close it when done. */
    public State newState(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        return new State(batch);
    }

    /**
     * Feeds one token at {@code position} and returns the logits of the next token for every level,
     * {@code [levels * tokensPerLevel]}, level-major.
     *
     * @param embeddingIndex {@link TokenLayout#embeddingIndex}
     * @param position 0-based, below {@link TokenLayout#contextTokens()}; must be the state's length
     * @throws InferenceException if ONNX Runtime fails
     */
    public float[] step(State state, int embeddingIndex, int position) {
        return step(state, new int[] {embeddingIndex}, position);
    }

    /**
     * Feeds several tokens in one run (a prompt, or a whole prefix when measuring without the
     * cache) at positions {@code position ..}, and returns the logits after the last of them.
     */
    public float[] step(State state, int[] embeddingIndices, int position) {
        if (state.batch != 1) {
            throw new IllegalArgumentException("a batch state needs stepBatch");
        }
        return stepBatch(state, embeddingIndices, embeddingIndices.length, position);
    }

    /**
     * Feeds {@code s} tokens to each sequence of a batch state at positions {@code position ..},
     * and returns the logits after the last of them for each sequence, {@code [batch][vocabulary]}
     * flattened (row-major).
     *
     * @param embeddingIndices {@code [batch][s]} flattened (row-major)
     */
    public float[] stepBatch(State state, int[] embeddingIndices, int s, int position) {
        int batch = state.batch;
        if (embeddingIndices.length != batch * s) {
            throw new IllegalArgumentException(embeddingIndices.length + " tokens for a batch of " + batch + " x " + s);
        }
        if (s == 0 || position != state.length || position + s > layout.contextTokens()) {
            throw new IllegalArgumentException(s + " tokens at position " + position + " but the cache holds "
                    + state.length + " tokens (context " + layout.contextTokens() + ")");
        }
        long[] tokens = new long[batch * s];
        long[] positions = new long[batch * s];
        for (int i = 0; i < tokens.length; i++) {
            int index = embeddingIndices[i];
            if (index < 0 || index >= layout.vocabulary()) {
                throw new IllegalArgumentException("token index " + index + " outside 0.." + (layout.vocabulary() - 1));
            }
            tokens[i] = index;
            positions[i] = position + i % s;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        OnnxTensor token = null;
        OnnxTensor pos = null;
        try {
            token = OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {batch, s});
            inputs.put(TOKEN, token);
            if (usesPosition) {
                pos = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {batch, s});
                inputs.put(POSITION, pos);
            }
            for (int i = 0; i < cacheNames.size(); i++) {
                inputs.put(OnnxNames.past(cacheNames.get(i)), state.cache[i]);
            }
            OrtSession.Result result = session.run(inputs);
            float[] logits;
            try {
                OnnxTensor out = (OnnxTensor) result.get(LOGITS).orElseThrow();
                long[] shape = out.getInfo().getShape();
                int vocabulary = layout.vocabulary();
                if (shape.length != 3 || shape[0] != batch || shape[1] != s || shape[2] != vocabulary) {
                    throw new InferenceException(source + ": prior.onnx returned logits of shape "
                            + java.util.Arrays.toString(shape) + ", expected [" + batch + ", " + s + ", " + vocabulary
                            + "]");
                }
                FloatBuffer buffer = out.getFloatBuffer();
                logits = new float[batch * vocabulary];
                for (int b = 0; b < batch; b++) {
                    buffer.position((b * s + s - 1) * vocabulary);
                    buffer.get(logits, b * vocabulary, vocabulary);
                }
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
            state.advance(result, cacheNames, s);
            return logits;
        } catch (OrtException e) {
            throw new InferenceException(source + ": prior.onnx failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            if (token != null) {
                token.close();
            }
            if (pos != null) {
                pos.close();
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new InferenceException(source + ": closing prior.onnx failed: " + e.getMessage(), e);
        }
    }

    /** The cache of one sequence: the tensors the last step returned (or the empty start). */
    public final class State implements AutoCloseable {

        private final int batch;
        private final OnnxTensor[] cache;
        private final OnnxTensor[] initial;
        private OrtSession.Result owner;
        private int length;

        private State(int batch) {
            this.batch = batch;
            cache = new OnnxTensor[cacheNames.size()];
            initial = new OnnxTensor[cacheNames.size()];
            try {
                for (int i = 0; i < cache.length; i++) {
                    initial[i] = emptyCache(cacheNames.get(i));
                    cache[i] = initial[i];
                }
            } catch (OrtException e) {
                close();
                throw new InferenceException(source + ": cannot make the prior's cache: " + e.getMessage(), e);
            }
        }

        private OnnxTensor emptyCache(String name) throws OrtException {
            if (SdaManifest.Prior.GRU.equals(prior.architecture())) {
                long[] shape = {prior.layers(), batch, prior.width()};
                return OnnxTensor.createTensor(env, FloatBuffer.allocate(prior.layers() * batch * prior.width()), shape);
            }
            long[] shape = {prior.layers(), batch, prior.heads(), 0, prior.width() / prior.heads()};
            return OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape);
        }

        public int batch() {
            return batch;
        }

        /** Tokens fed so far (per sequence). */
        public int length() {
            return length;
        }

        private void advance(OrtSession.Result result, List<String> names, int tokens) {
            for (int i = 0; i < names.size(); i++) {
                OnnxValue v = result.get(OnnxNames.present(names.get(i))).orElseThrow();
                cache[i] = (OnnxTensor) v;
            }
            if (owner != null) {
                owner.close();
            }
            owner = result;
            length += tokens;
        }

        /** Empties the cache, for a new window. */
        public void reset() {
            if (owner != null) {
                owner.close();
                owner = null;
            }
            System.arraycopy(initial, 0, cache, 0, cache.length);
            length = 0;
        }

        @Override
        public void close() {
            if (owner != null) {
                owner.close();
                owner = null;
            }
            for (OnnxTensor t : initial) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }
}
