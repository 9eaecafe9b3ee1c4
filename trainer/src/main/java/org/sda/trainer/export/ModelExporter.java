package org.sda.trainer.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sda.engine.dataset.Dataset;
import org.sda.engine.dataset.ImportOptions;
import org.sda.engine.dataset.ImportedClip;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;
import org.sda.engine.model.SdaModelFile;
import org.sda.trainer.vqvae.CodebookHealth;
import org.sda.trainer.vqvae.ConvVqVae;
import org.sda.trainer.vqvae.ResidualQuantizer;
import org.sda.trainer.vqvae.VqVaeTrainer;

/** Writes a trained RVQ-VAE as a {@code .sda} file (format 2): graphs, codebooks, manifest. */
public final class ModelExporter {

    private ModelExporter() {
    }

    /** The manifest and entries, without writing (tests inspect them). */
    public static Map<String, byte[]> entries(ConvVqVae model, ResidualQuantizer quantizer) {
        float[][][] books = quantizer.codebookArrays();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(SdaModel.ENCODER, OnnxExporter.encoder(model));
        entries.put(SdaModel.QUANTIZER, OnnxExporter.quantizer(model.config(), books));
        entries.put(SdaModel.DECODER, OnnxExporter.decoder(model));
        entries.put(SdaModel.CODEBOOKS, SdaModel.codebookBytes(books));
        return entries;
    }

    public static SdaManifest manifest(String name, ConvVqVae model, Dataset dataset, VqVaeTrainer.Result result,
                                       long seed) {
        return manifest(name, model, dataset, result, seed, List.of());
    }

    /** @param sources the dataset files and folders as given, recorded so a prior can be trained later */
    public static SdaManifest manifest(String name, ConvVqVae model, Dataset dataset, VqVaeTrainer.Result result,
                                       long seed, List<java.nio.file.Path> sources) {
        ImportOptions o = dataset.options();
        var c = model.config();
        Dataset.Summary summary = dataset.summary();
        List<String> hashes = dataset.clips().stream().map(ImportedClip::report).map(r -> r.contentHash()).toList();
        return new SdaManifest(SdaManifest.FORMAT_VERSION, name, List.of(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new SdaManifest.Audio(o.modelSampleRate(), o.nFft(), o.hop(), o.melBands()),
                new SdaManifest.Vq(c.levels(), c.codebookSize(), c.codeDim(), c.downsample(),
                        c.melOutput() ? SdaManifest.Vq.MEL : SdaManifest.Vq.LINEAR,
                        c.levelLabels()),
                new SdaManifest.Dataset(summary.usable(), summary.usableSeconds(),
                        summary.sizeClass().name().toLowerCase(Locale.ROOT), hashes,
                        sources.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()),
                new SdaManifest.Training(result.epochs(), result.steps(), result.minutes(), seed, result.trainLoss(),
                        result.validationLoss(), result.stoppedBecause().label(),
                        result.health().stream().map(CodebookHealth::toManifest).toList()),
                null, null);
    }

    public static void write(Path file, SdaManifest manifest, ConvVqVae model, ResidualQuantizer quantizer)
            throws IOException {
        SdaModelFile.write(file, manifest, entries(model, quantizer));
    }
}
