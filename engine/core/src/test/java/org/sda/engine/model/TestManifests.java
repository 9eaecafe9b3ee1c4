package org.sda.engine.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Manifests and entry sets for tests; the graphs here are placeholder bytes, not ONNX. */
public final class TestManifests {

    private TestManifests() {
    }

    public static SdaManifest manifest(int levels, int codebookSize, int codeDim, int downsample, String decoderOutput) {
        return new SdaManifest(SdaManifest.FORMAT_VERSION, "toy", List.of("test", "tone"), "2026-01-02T03:04:05Z",
                new SdaManifest.Audio(44100, 1024, 256, 128),
                new SdaManifest.Vq(levels, codebookSize, codeDim, downsample, decoderOutput,
                        List.of("Structure", "Timbre", "Detail").subList(0, Math.min(3, levels))),
                new SdaManifest.Dataset(11, 45.4, "small", List.of("ab12", "cd34")),
                new SdaManifest.Training(120, 2400, 6.5, 0, 0.41, 0.47, "early stopping",
                        List.of(new SdaManifest.LevelHealth(0, 0.84, 41.2, 3))),
                null, null);
    }

    public static SdaManifest manifest() {
        return manifest(3, 8, 4, 2, SdaManifest.Vq.LINEAR);
    }

    /** Valid entries for {@link #manifest()}: placeholder graphs and correctly sized codebooks. */
    public static Map<String, byte[]> entries(SdaManifest manifest) {
        SdaManifest.Vq vq = manifest.vq();
        float[][][] books = new float[vq.levels()][vq.codebookSize()][vq.codeDim()];
        for (int l = 0; l < books.length; l++) {
            for (int k = 0; k < books[l].length; k++) {
                for (int d = 0; d < books[l][k].length; d++) {
                    books[l][k][d] = l * 100 + k + d / 10f;
                }
            }
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(SdaModel.ENCODER, "encoder graph".getBytes());
        entries.put(SdaModel.QUANTIZER, "quantizer graph".getBytes());
        entries.put(SdaModel.DECODER, "decoder graph".getBytes());
        entries.put(SdaModel.CODEBOOKS, SdaModel.codebookBytes(books));
        return entries;
    }
}
