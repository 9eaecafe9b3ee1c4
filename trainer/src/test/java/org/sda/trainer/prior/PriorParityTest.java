package org.sda.trainer.prior;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sda.engine.generate.PriorRuntime;
import org.sda.engine.generate.TokenLayout;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.trainer.export.PriorExporter;
import org.sda.trainer.export.PriorModelWriter;

/**
 * The DJL prior and its ONNX step graph in ONNX Runtime give the same logits for the same prefix,
 * the graph fed incrementally through its cache (one token per run, and a prompt in one run).
 */
class PriorParityTest {

    static final int LEVELS = 3;
    static final int CODES = 5;

    static SdaModel toyModel(PriorNetwork network, byte[] onnx) {
        SdaManifest manifest = new SdaManifest(SdaManifest.FORMAT_VERSION, "toy", List.of(), "2026-01-01T00:00:00Z",
                new SdaManifest.Audio(44100, 1024, 256, 128),
                new SdaManifest.Vq(LEVELS, CODES, 4, 2, SdaManifest.Vq.LINEAR, List.of()),
                new SdaManifest.Dataset(1, 1.0, "small", List.of()), null, null, null);
        SdaModel bare = new SdaModel(Path.of("toy.sda"), "", manifest, Map.of());
        return PriorModelWriter.withPrior(bare, PriorModelWriter.describe(network, null), onnx);
    }

    @ParameterizedTest
    @CsvSource({"transformer,flat", "gru,flat", "transformer,delay", "gru,delay"})
    void stepGraphMatchesFullForward(String architecture, String order) throws Exception {
        PriorConfig config = new PriorConfig(architecture, 2, 16, 4, 8, 0.1f, 0.1f, 0.1f, 1f, 1e-3f, 2);
        TokenLayout layout = config.layout(LEVELS, CODES, TokenLayout.Order.of(order));
        Random random = new Random(3);
        int length = layout.contextTokens();
        long[] tokens = new long[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = layout.embeddingIndex(i % LEVELS, random.nextInt(layout.tokensPerLevel()));
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            PriorNetwork network = architecture.equals("gru") ? new GruPrior(config, layout, manager, random)
                    : new TransformerPrior(config, layout, manager, random);
            NDArray logits = network.forward(manager.create(tokens, new Shape(1, length)), false);
            float[] expected = logits.toFloatArray();
            int vocabulary = layout.vocabulary();
            assertThat(expected).hasSize(length * vocabulary);
            SdaModel model = toyModel(network, PriorExporter.export(network));
            assertThat(model.manifest().prior().tokenOrder()).isEqualTo(order);
            try (PriorRuntime runtime = PriorRuntime.open(model, 1);
                 PriorRuntime.State oneByOne = runtime.newState();
                 PriorRuntime.State prompted = runtime.newState();
                 PriorRuntime.State batch = runtime.newState(2)) {
                int prompt = 5;
                int[] head = new int[prompt];
                for (int i = 0; i < prompt; i++) {
                    head[i] = (int) tokens[i];
                }
                float[] afterPrompt = runtime.step(prompted, head, 0);
                assertClose(afterPrompt, expected, (prompt - 1) * vocabulary, "after a prompt of " + prompt);
                for (int i = 0; i < length; i++) {
                    float[] step = runtime.step(oneByOne, (int) tokens[i], i);
                    assertClose(step, expected, i * vocabulary, "position " + i);
                    if (i >= prompt) {
                        assertClose(runtime.step(prompted, (int) tokens[i], i), expected, i * vocabulary,
                                "position " + i + " after the prompt");
                    }
                    // A batch of two: this sequence, and the start token repeated.
                    float[] both = runtime.stepBatch(batch, new int[] {(int) tokens[i], 0}, 1, i);
                    assertClose(java.util.Arrays.copyOf(both, vocabulary), expected, i * vocabulary,
                            "position " + i + " in a batch");
                }
            }
            network.close();
        }
    }

    private static void assertClose(float[] actual, float[] expected, int offset, String where) {
        double worst = 0;
        for (int v = 0; v < actual.length; v++) {
            worst = Math.max(worst, Math.abs(actual[v] - expected[offset + v]));
        }
        assertThat(worst).as("largest logit difference at " + where).isLessThan(1e-4);
    }
}
