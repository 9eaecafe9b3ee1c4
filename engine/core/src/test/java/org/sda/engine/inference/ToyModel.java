package org.sda.engine.inference;

import static org.sda.engine.inference.TestOnnxWriter.FLOAT;
import static org.sda.engine.inference.TestOnnxWriter.INT64;
import static org.sda.engine.inference.TestOnnxWriter.integer;
import static org.sda.engine.inference.TestOnnxWriter.ints;
import static org.sda.engine.inference.TestOnnxWriter.names;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sda.engine.model.OnnxNames;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;

/**
 * A tiny RVQ-VAE with random weights, built as real ONNX graphs with the interfaces of
 * {@code docs/MODEL-FORMAT.md}:
 *
 * <ul>
 *   <li>encoder: one Conv with kernel = stride = downsample, {@code [1, melBands, T] -> [1, D, T/ds]};
 *   <li>quantizer: per level, squared distances through MatMul, ArgMin, Gather of the code vector,
 *       residual Sub; outputs {@code codes [1, L, T']} and {@code quantized [1, D, T']};
 *   <li>decoder: one ConvTranspose with kernel = stride = downsample to {@code bins} (or
 *       {@code melBands} for a mel decoder), biased to log-magnitudes of a sensible level.
 * </ul>
 *
 * The weights are kept so tests can compute the expected outputs in plain Java.
 */
public final class ToyModel {

    final SdaManifest manifest;
    final float[][][] encoderWeight; // [D][M][ds]
    final float[] encoderBias; // [D]
    final float[][][] codebooks; // [L][K][D]
    final float[][][] decoderWeight; // [D][outBands][ds]
    final float[] decoderBias; // [outBands]

    public ToyModel(SdaManifest manifest, long seed) {
        this.manifest = manifest;
        SdaManifest.Vq vq = manifest.vq();
        int m = manifest.audio().melBands();
        int d = vq.codeDim();
        int ds = vq.downsample();
        int out = outBands();
        SplittableRandom random = new SplittableRandom(seed);
        encoderWeight = new float[d][m][ds];
        for (float[][] a : encoderWeight) {
            for (float[] b : a) {
                for (int k = 0; k < ds; k++) {
                    b[k] = (float) (random.nextGaussian() / Math.sqrt(m * ds));
                }
            }
        }
        encoderBias = new float[d];
        for (int i = 0; i < d; i++) {
            encoderBias[i] = (float) random.nextGaussian() * 0.1f;
        }
        codebooks = new float[vq.levels()][vq.codebookSize()][d];
        for (int l = 0; l < vq.levels(); l++) {
            double scale = 2.0 / (l + 1);
            for (float[] code : codebooks[l]) {
                for (int i = 0; i < d; i++) {
                    code[i] = (float) (random.nextGaussian() * scale);
                }
            }
        }
        decoderWeight = new float[d][out][ds];
        for (float[][] a : decoderWeight) {
            for (float[] b : a) {
                for (int k = 0; k < ds; k++) {
                    b[k] = (float) random.nextGaussian() * 0.05f;
                }
            }
        }
        decoderBias = new float[out];
        for (int c = 0; c < out; c++) {
            decoderBias[c] = (float) (1.0 - 6.0 * c / out); // a spectrum falling by about 50 dB
        }
    }

    public static SdaManifest manifest(int levels, int codebookSize, int codeDim, int downsample, String decoderOutput) {
        return new SdaManifest(SdaManifest.FORMAT_VERSION, "toy", List.of("test"), "2026-01-02T03:04:05Z",
                new SdaManifest.Audio(22050, 512, 128, 40),
                new SdaManifest.Vq(levels, codebookSize, codeDim, downsample, decoderOutput,
                        List.of("Structure", "Timbre", "Detail", "Air").subList(0, Math.min(4, levels))),
                new SdaManifest.Dataset(7, 12.5, "tiny", List.of("0123abcd")),
                new SdaManifest.Training(40, 800, 1.5, 7, 0.52, 0.61, "epoch limit",
                        List.of(new SdaManifest.LevelHealth(0, 0.84, 41.2, 3),
                                new SdaManifest.LevelHealth(1, 0.25, 9.0, 20))),
                null, null);
    }

    public static ToyModel standard() {
        return new ToyModel(manifest(3, 16, 8, 2, SdaManifest.Vq.LINEAR), 42);
    }

    int outBands() {
        return SdaManifest.Vq.MEL.equals(manifest.vq().decoderOutput())
                ? manifest.audio().melBands() : manifest.audio().bins();
    }

    Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(SdaModel.ENCODER, encoderGraph());
        entries.put(SdaModel.QUANTIZER, quantizerGraph());
        entries.put(SdaModel.DECODER, decoderGraph());
        entries.put(SdaModel.CODEBOOKS, SdaModel.codebookBytes(codebooks));
        return entries;
    }

    public Path write(Path file) throws IOException {
        SdaModelFile.write(file, manifest, entries());
        return file;
    }

    SdaModel model(Path file) throws Exception {
        return SdaModelFile.read(write(file));
    }

    byte[] encoderGraph() {
        int m = manifest.audio().melBands();
        int d = manifest.vq().codeDim();
        int ds = manifest.vq().downsample();
        return new TestOnnxWriter("encoder")
                .input(OnnxNames.LOG_MEL, FLOAT, "B", m, "T")
                .output(OnnxNames.LATENT, FLOAT, "B", d, "T2")
                .initializer("W", flatten(encoderWeight), d, m, ds)
                .initializer("bias", encoderBias, d)
                .node("Conv", names(OnnxNames.LOG_MEL, "W", "bias"), names(OnnxNames.LATENT),
                        ints("kernel_shape", ds), ints("strides", ds))
                .toBytes();
    }

    byte[] quantizerGraph() {
        int levels = manifest.vq().levels();
        int k = manifest.vq().codebookSize();
        int d = manifest.vq().codeDim();
        TestOnnxWriter g = new TestOnnxWriter("quantizer")
                .input(OnnxNames.LATENT, FLOAT, "B", d, "T2")
                .output(OnnxNames.CODES, INT64, "B", levels, "T2")
                .output(OnnxNames.QUANTIZED, FLOAT, "B", d, "T2")
                .initializer("two", new float[] {2f})
                .initializer("axis1", new long[] {1}, 1)
                .node("Transpose", names(OnnxNames.LATENT), names("r0"), ints("perm", 0, 2, 1));
        String[] codeParts = new String[levels];
        String sum = null;
        for (int l = 0; l < levels; l++) {
            float[][] book = codebooks[l];
            float[] transposed = new float[d * k];
            float[] norms = new float[k];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < d; i++) {
                    transposed[i * k + c] = book[c][i];
                    norms[c] += book[c][i] * book[c][i];
                }
            }
            String r = "r" + l;
            g.initializer("book" + l, flatten(book), k, d)
                    .initializer("bookT" + l, transposed, d, k)
                    .initializer("norms" + l, norms, k)
                    .node("MatMul", names(r, "bookT" + l), names("dot" + l))
                    .node("Mul", names("dot" + l, "two"), names("dot2_" + l))
                    .node("Sub", names("norms" + l, "dot2_" + l), names("dist" + l))
                    .node("ArgMin", names("dist" + l), names("idx" + l), integer("axis", 2), integer("keepdims", 0))
                    .node("Gather", names("book" + l, "idx" + l), names("q" + l), integer("axis", 0))
                    .node("Sub", names(r, "q" + l), names("r" + (l + 1)))
                    .node("Unsqueeze", names("idx" + l, "axis1"), names("code" + l));
            codeParts[l] = "code" + l;
            if (sum == null) {
                sum = "q0";
            } else {
                g.node("Add", names(sum, "q" + l), names("sum" + l));
                sum = "sum" + l;
            }
        }
        return g.node("Concat", codeParts, names(OnnxNames.CODES), integer("axis", 1))
                .node("Transpose", names(sum), names(OnnxNames.QUANTIZED), ints("perm", 0, 2, 1))
                .toBytes();
    }

    byte[] decoderGraph() {
        int d = manifest.vq().codeDim();
        int ds = manifest.vq().downsample();
        int out = outBands();
        return new TestOnnxWriter("decoder")
                .input(OnnxNames.LATENT, FLOAT, "B", d, "T2")
                .output(OnnxNames.LOG_MAGNITUDE, FLOAT, "B", out, "T")
                .initializer("W", flatten(decoderWeight), d, out, ds)
                .initializer("bias", decoderBias, out)
                .node("ConvTranspose", names(OnnxNames.LATENT, "W", "bias"), names(OnnxNames.LOG_MAGNITUDE),
                        ints("kernel_shape", ds), ints("strides", ds))
                .toBytes();
    }

    /** The encoder in plain Java on frames already padded to a multiple of downsample: {@code [T'][D]}. */
    float[][] encodeReference(float[][] logMel) {
        int ds = manifest.vq().downsample();
        int d = manifest.vq().codeDim();
        float[][] latent = new float[logMel.length / ds][d];
        for (int t = 0; t < latent.length; t++) {
            for (int o = 0; o < d; o++) {
                double acc = encoderBias[o];
                for (int m = 0; m < logMel[0].length; m++) {
                    for (int k = 0; k < ds; k++) {
                        acc += encoderWeight[o][m][k] * logMel[t * ds + k][m];
                    }
                }
                latent[t][o] = (float) acc;
            }
        }
        return latent;
    }

    /** The decoder in plain Java: {@code [T' * ds][outBands]}. */
    float[][] decodeReference(float[][] latent) {
        int ds = manifest.vq().downsample();
        int out = outBands();
        float[][] frames = new float[latent.length * ds][out];
        for (int t = 0; t < latent.length; t++) {
            for (int k = 0; k < ds; k++) {
                for (int c = 0; c < out; c++) {
                    double acc = decoderBias[c];
                    for (int i = 0; i < latent[t].length; i++) {
                        acc += decoderWeight[i][c][k] * latent[t][i];
                    }
                    frames[t * ds + k][c] = (float) acc;
                }
            }
        }
        return frames;
    }

    private static float[] flatten(float[][][] a) {
        int n = a.length * a[0].length * a[0][0].length;
        float[] flat = new float[n];
        int i = 0;
        for (float[][] b : a) {
            for (float[] c : b) {
                System.arraycopy(c, 0, flat, i, c.length);
                i += c.length;
            }
        }
        return flat;
    }

    private static float[] flatten(float[][] a) {
        float[] flat = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, flat, i * a[i].length, a[i].length);
        }
        return flat;
    }
}
