package org.sda.engine.cli;

import java.nio.file.Path;
import org.sda.engine.dataset.DatasetImporter;
import org.sda.engine.dataset.FeatureCache;
import org.sda.engine.dataset.ImportOptions;
import picocli.CommandLine.Option;

/** Options shared by every command that imports a dataset. */
final class ImportOptionsMixin {

    private static final ImportOptions DEFAULTS = ImportOptions.defaults();

    @Option(names = "--min-seconds", paramLabel = "S",
            description = "Skip files shorter than this (default: ${DEFAULT-VALUE}).")
    double minSeconds = DEFAULTS.minSeconds();

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "Skip files longer than this, or crop them with --crop (default: ${DEFAULT-VALUE}).")
    double maxSeconds = DEFAULTS.maxSeconds();

    @Option(names = "--crop", description = "Keep the first --max-seconds of longer files instead of skipping them.")
    boolean crop;

    @Option(names = "--sample-rate", paramLabel = "HZ",
            description = "Model sample rate files are resampled to (default: ${DEFAULT-VALUE}).")
    int sampleRate = DEFAULTS.modelSampleRate();

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where imported audio and features are cached (default: ~/.cache/sda/import).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Import without reading or writing the cache.")
    boolean noCache;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: cores, at most 4).")
    int threads = DatasetImporter.defaultThreads();

    ImportOptions options() {
        return DEFAULTS.withModelSampleRate(sampleRate).withDurationLimits(minSeconds, maxSeconds, crop);
    }

    FeatureCache cache() {
        if (noCache) {
            return null;
        }
        return cacheDir != null ? new FeatureCache(cacheDir) : FeatureCache.atDefaultLocation();
    }

    DatasetImporter importer() {
        return new DatasetImporter(options(), cache(), threads);
    }
}
