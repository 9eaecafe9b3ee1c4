package org.sda.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sda.engine.model.ModelFileException;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

class VqVaeRuntimeTest {

    @TempDir
    Path dir;

    private static float[][] randomLogMel(int frames, int bands, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[frames][bands];
        for (float[] row : x) {
            for (int m = 0; m < bands; m++) {
                row[m] = (float) (random.nextDouble() * 8 - 6);
            }
        }
        return x;
    }

    private static void assertClose(float[][] actual, float[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int t = 0; t < actual.length; t++) {
            assertThat(actual[t].length).isEqualTo(expected[t].length);
            for (int i = 0; i < actual[t].length; i++) {
                assertThat((double) actual[t][i]).as("[%d][%d]", t, i).isCloseTo(expected[t][i], within(tolerance));
            }
        }
    }

    @Test
    void shapesFollowTheManifest() throws Exception {
        ToyModel toy = ToyModel.standard();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            assertThat(runtime.device()).isEqualTo(InferenceDevice.CPU);
            assertThat(runtime.deviceNotice()).isEmpty();
            float[][] latent = runtime.encode(randomLogMel(20, 40, 1));
            assertThat(latent).hasNumberOfRows(10);
            assertThat(latent[0]).hasSize(8);
            Quantized q = runtime.quantize(latent);
            assertThat(q.codes()).hasNumberOfRows(3);
            assertThat(q.codes()[0]).hasSize(10);
            assertThat(q.latent()).hasNumberOfRows(10);
            for (long[] level : q.codes()) {
                assertThat(java.util.Arrays.stream(level)).allSatisfy(c -> assertThat(c).isBetween(0L, 15L));
            }
            float[][] decoded = runtime.decode(q.latent());
            assertThat(decoded).hasNumberOfRows(20);
            assertThat(decoded[0]).hasSize(257);
            assertThat(runtime.outputBands()).isEqualTo(257);
        }
    }

    @Test
    void theGraphsComputeWhatTheirWeightsSay() throws Exception {
        ToyModel toy = ToyModel.standard();
        float[][] logMel = randomLogMel(12, 40, 2);
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            float[][] latent = runtime.encode(logMel);
            assertClose(latent, toy.encodeReference(logMel), 1e-4);
            assertClose(runtime.decode(latent), toy.decodeReference(latent), 1e-4);
        }
    }

    @Test
    void theQuantizerPicksTheNearestCodeAtEachLevel() throws Exception {
        ToyModel toy = ToyModel.standard();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            float[][] latent = runtime.encode(randomLogMel(30, 40, 3));
            long[][] codes = runtime.codes(latent);
            for (int t = 0; t < latent.length; t++) {
                float[] residual = latent[t].clone();
                for (int l = 0; l < codes.length; l++) {
                    int best = nearest(toy.codebooks[l], residual);
                    float[] chosen = toy.codebooks[l][(int) codes[l][t]];
                    assertThat(distance(chosen, residual))
                            .isCloseTo(distance(toy.codebooks[l][best], residual), within(1e-3));
                    for (int i = 0; i < residual.length; i++) {
                        residual[i] -= chosen[i];
                    }
                }
            }
        }
    }

    private static int nearest(float[][] book, float[] x) {
        int best = 0;
        for (int k = 1; k < book.length; k++) {
            if (distance(book[k], x) < distance(book[best], x)) {
                best = k;
            }
        }
        return best;
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return sum;
    }

    @Test
    void lookupMatchesTheQuantizersOwnOutput() throws Exception {
        ToyModel toy = ToyModel.standard();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            Quantized q = runtime.quantize(runtime.encode(randomLogMel(40, 40, 4)));
            assertClose(runtime.lookup(q.codes()), q.latent(), 1e-5);
        }
    }

    @Test
    void lookupRefusesCodesOutsideTheCodebook() throws Exception {
        try (VqVaeRuntime runtime = VqVaeRuntime.open(ToyModel.standard().model(dir.resolve("m.sda")))) {
            assertThatThrownBy(() -> runtime.lookup(new long[][] {{0, 16}}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the codebook");
            assertThatThrownBy(() -> runtime.lookup(new long[4][2]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 levels");
        }
    }

    @Test
    void anOddFrameCountIsPaddedByRepetitionAndTrimmedAfter() throws Exception {
        ToyModel toy = new ToyModel(ToyModel.manifest(2, 16, 8, 4, SdaManifest.Vq.LINEAR), 5);
        float[][] logMel = randomLogMel(10, 40, 5); // 10 = 2 * 4 + 2
        float[][] padded = new float[12][];
        for (int t = 0; t < 12; t++) {
            padded[t] = logMel[Math.min(t, 9)];
        }
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            float[][] latent = runtime.encode(logMel);
            assertThat(runtime.latentFrames(10)).isEqualTo(3);
            assertClose(latent, runtime.encode(padded), 0);
            assertClose(latent, toy.encodeReference(padded), 1e-4);
            assertThat(runtime.decode(latent)).hasNumberOfRows(12);
            float[][] trimmed = runtime.decode(latent, 10);
            assertThat(trimmed).hasNumberOfRows(10);
            assertClose(trimmed, java.util.Arrays.copyOf(runtime.decode(latent), 10), 0);
            assertThat(runtime.encode(randomLogMel(1, 40, 6))).hasNumberOfRows(1);
        }
    }

    @Test
    void aMelDecoderDecodesMelBands() throws Exception {
        ToyModel toy = new ToyModel(ToyModel.manifest(2, 8, 4, 2, SdaManifest.Vq.MEL), 6);
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            assertThat(runtime.outputBands()).isEqualTo(40);
            assertThat(runtime.decode(runtime.encode(randomLogMel(6, 40, 7)))[0]).hasSize(40);
        }
    }

    @Test
    void concurrentCallsGiveTheSameAnswersAsSerialOnes() throws Exception {
        ToyModel toy = ToyModel.standard();
        try (VqVaeRuntime runtime = VqVaeRuntime.open(toy.model(dir.resolve("m.sda")))) {
            List<float[][]> inputs = new ArrayList<>();
            List<float[][]> expected = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inputs.add(randomLogMel(16 + 2 * i, 40, 100 + i));
                expected.add(runtime.decode(runtime.quantize(runtime.encode(inputs.get(i))).latent()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[][]>> futures = new ArrayList<>();
                for (float[][] input : inputs) {
                    futures.add(pool.submit(() -> runtime.decode(runtime.quantize(runtime.encode(input)).latent())));
                }
                for (int i = 0; i < inputs.size(); i++) {
                    assertClose(futures.get(i).get(), expected.get(i), 0);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void callsAfterCloseAreRefused() throws Exception {
        VqVaeRuntime runtime = VqVaeRuntime.open(ToyModel.standard().model(dir.resolve("m.sda")));
        runtime.close();
        runtime.close();
        assertThatThrownBy(() -> runtime.encode(randomLogMel(2, 40, 8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void cudaFallsBackToTheCpuAndSaysWhy() throws Exception {
        try (VqVaeRuntime runtime = VqVaeRuntime.open(ToyModel.standard().model(dir.resolve("m.sda")),
                InferenceDevice.CUDA)) {
            if (VqVaeRuntime.cudaUnavailableReason().isPresent()) {
                assertThat(runtime.device()).isEqualTo(InferenceDevice.CPU);
                assertThat(runtime.deviceNotice()).hasValueSatisfying(notice -> assertThat(notice)
                        .startsWith("CUDA was requested but").endsWith("running on the CPU"));
            }
            assertThat(runtime.encode(randomLogMel(4, 40, 9))).hasNumberOfRows(2);
        }
    }

    // ---- graphs that do not fit the manifest ----

    private Path withEntry(ToyModel toy, String entry, byte[] bytes) throws Exception {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>(toy.entries());
        entries.put(entry, bytes);
        Path file = dir.resolve("bad.sda");
        SdaModelFile.write(file, toy.manifest, entries);
        return file;
    }

    @Test
    void aGraphOnnxRuntimeCannotParseIsNamed() throws Exception {
        ToyModel toy = ToyModel.standard();
        SdaModel model = SdaModelFile.read(withEntry(toy, SdaModel.QUANTIZER, "not onnx".getBytes()));
        assertThatThrownBy(() -> VqVaeRuntime.open(model))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(model.file() + ": quantizer.onnx cannot be loaded by ONNX Runtime");
    }

    @Test
    void aGraphWithTheWrongInputNameIsNamed() throws Exception {
        ToyModel toy = ToyModel.standard();
        SdaModel model = SdaModelFile.read(withEntry(toy, SdaModel.ENCODER, toy.decoderGraph()));
        assertThatThrownBy(() -> VqVaeRuntime.open(model))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("encoder.onnx takes inputs [latent], expected one input named log_mel");
    }

    @Test
    void aGraphWhoseShapesDisagreeWithTheManifestIsNamed() throws Exception {
        ToyModel toy = ToyModel.standard();
        ToyModel wider = new ToyModel(ToyModel.manifest(3, 16, 12, 2, SdaManifest.Vq.LINEAR), 1);
        SdaModel model = SdaModelFile.read(withEntry(toy, SdaModel.ENCODER, wider.encoderGraph()));
        assertThatThrownBy(() -> VqVaeRuntime.open(model))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("encoder.onnx: output latent has shape [1, 12, 1]")
                .hasMessageContaining("[1, 8, 1]");
    }

    @Test
    void aMelDecoderInALinearModelIsNamed() throws Exception {
        ToyModel toy = ToyModel.standard();
        ToyModel mel = new ToyModel(ToyModel.manifest(3, 16, 8, 2, SdaManifest.Vq.MEL), 1);
        SdaModel model = SdaModelFile.read(withEntry(toy, SdaModel.DECODER, mel.decoderGraph()));
        assertThatThrownBy(() -> VqVaeRuntime.open(model))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("decoder.onnx: output log_magnitude has shape [1, 40, 2]");
    }
}
