package org.sda.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.AudioInfo;
import org.sda.engine.audio.AudioReadException;
import org.sda.engine.audio.Loudness;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.audio.Resampler;
import org.sda.engine.dsp.LogMel;
import org.sda.engine.dsp.MelFilterbank;
import org.sda.engine.dsp.StftConfig;

/**
 * Imports a dataset: every file found gets a verdict; usable files are decoded, mixed to mono,
 * resampled to the model rate, peak-normalised and analysed into log-mel frames. Results are
 * cached by content hash (see {@link FeatureCache}). A bad file never stops the others, and the
 * user's files are only read.
 *
 * <p>Files are processed on a small pool of worker threads; results come back in scan order.
 */
public final class DatasetImporter {

    private final ImportOptions options;
    private final FeatureCache cache;
    private final int threads;

    /**
     * @param cache where imported files are kept between runs; null imports without a cache
     * @param threads worker threads, at least 1
     */
    public DatasetImporter(ImportOptions options, FeatureCache cache, int threads) {
        this.options = options;
        this.cache = cache;
        this.threads = Math.max(1, threads);
    }

    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public Dataset importFrom(List<Path> inputs, ImportListener listener) throws InterruptedException {
        List<Path> files = DatasetScanner.scan(inputs);
        listener.scanned(files.size());
        List<FeatureCache.Entry> entries = new ArrayList<>(files.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sda-import");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<FeatureCache.Entry>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> importOne(file, listener)));
            }
            for (Future<FeatureCache.Entry> future : futures) {
                entries.add(future.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("import worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return assemble(entries);
    }

    private FeatureCache.Entry importOne(Path file, ImportListener listener) {
        FeatureCache.Entry entry;
        boolean fromCache = false;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            entry = skip(file, "", Verdict.UNREADABLE, Files.exists(file)
                    ? (Files.isDirectory(file) ? "is a folder, not a file" : "no permission to read it")
                    : "does not exist");
        } else {
            String hash;
            try {
                hash = ContentHash.ofFile(file);
            } catch (IOException e) {
                hash = null;
            }
            if (hash == null) {
                entry = skip(file, "", Verdict.UNREADABLE, "could not be read");
            } else {
                var cached = cache == null ? Optional.<FeatureCache.Entry>empty()
                        : cache.load(hash, options, file);
                if (cached.isPresent()) {
                    entry = cached.get();
                    fromCache = true;
                } else {
                    entry = decode(file, hash);
                    if (cache != null && entry.report().verdict() != Verdict.UNREADABLE) {
                        cache.store(entry, options);
                    }
                }
            }
        }
        listener.fileDone(entry.report(), fromCache);
        return entry;
    }

    private FeatureCache.Entry decode(Path file, String hash) {
        try {
            if (Files.size(file) == 0) {
                return skip(file, hash, Verdict.EMPTY, "the file has zero bytes");
            }
            AudioInfo info = AudioFiles.probe(file);
            if (info.durationSeconds() > options.maxSeconds() && !options.crop()) {
                return new FeatureCache.Entry(report(file, hash, info.durationSeconds(), info.sampleRate(),
                        info.channels(), Double.NaN, Verdict.TOO_LONG, String.format(Locale.ROOT,
                                "%.2f s is longer than the maximum %.2f s (crop to keep the start)",
                                info.durationSeconds(), options.maxSeconds())), null, null);
            }
            // Cropping decodes only what is kept, so an hour-long recording costs its first seconds.
            AudioBuffer original = options.crop() ? AudioFiles.readStart(file, options.maxSeconds())
                    : AudioFiles.read(file);
            double duration = options.crop() && info.durationSeconds() > 0
                    ? Math.max(info.durationSeconds(), original.durationSeconds()) : original.durationSeconds();
            double peak = Loudness.peakDbfs(original);
            if (duration < options.minSeconds()) {
                return new FeatureCache.Entry(report(file, hash, duration, original.sampleRate(),
                        original.channelCount(), peak, Verdict.TOO_SHORT, String.format(Locale.ROOT,
                                "%.3f s is shorter than the minimum %.3f s", duration, options.minSeconds())),
                        null, null);
            }
            if (!(peak >= options.silenceDbfs())) {
                return new FeatureCache.Entry(report(file, hash, duration, original.sampleRate(),
                        original.channelCount(), peak, Verdict.SILENT, String.format(Locale.ROOT,
                                "peak %s is below the silence threshold %.0f dBFS", formatDb(peak),
                                options.silenceDbfs())), null, null);
            }
            String detail = "";
            AudioBuffer mono = Mixdown.toMono(original);
            if (duration > options.maxSeconds()) {
                int keep = Math.min(mono.frameCount(), (int) Math.round(options.maxSeconds() * mono.sampleRate()));
                mono = AudioBuffer.mono(Arrays.copyOf(mono.samples(), keep), mono.sampleRate());
                detail = String.format(Locale.ROOT, "cropped from %.2f s to %.2f s", duration, options.maxSeconds());
                duration = options.maxSeconds();
            }
            AudioBuffer atModelRate = Resampler.resample(mono, options.modelSampleRate());
            if (!Double.isNaN(options.normalizePeakDbfs())) {
                atModelRate = Loudness.normalizePeak(atModelRate, options.normalizePeakDbfs());
            }
            float[] audio = atModelRate.samples();
            float[][] logMel = logMelExtractor().logMel(audio);
            return new FeatureCache.Entry(report(file, hash, duration, original.sampleRate(),
                    original.channelCount(), peak, Verdict.OK, detail), audio, logMel);
        } catch (AudioReadException e) {
            Verdict verdict = switch (e.kind()) {
                case UNREADABLE -> Verdict.UNREADABLE;
                case EMPTY -> Verdict.EMPTY;
                case NOT_AUDIO -> Verdict.NOT_AUDIO;
                case CORRUPT -> Verdict.CORRUPT;
                case TOO_LONG -> Verdict.TOO_LONG;
            };
            return skip(file, hash, verdict, problemOf(e));
        } catch (IOException e) {
            return skip(file, hash, Verdict.UNREADABLE, e.getMessage());
        }
    }

    /** A fresh extractor per file: the STFT inside reuses its buffers and is not thread-safe. */
    private LogMel logMelExtractor() {
        return new LogMel(new StftConfig(options.nFft(), options.hop()),
                new MelFilterbank(options.modelSampleRate(), options.nFft(), options.melBands()));
    }

    private Dataset assemble(List<FeatureCache.Entry> entries) {
        List<String> usableHashes = new ArrayList<>();
        for (FeatureCache.Entry entry : entries) {
            if (entry.report().usable()) {
                usableHashes.add(entry.report().contentHash());
            }
        }
        Set<String> validation = validationSet(usableHashes);
        List<FileReport> reports = new ArrayList<>();
        List<ImportedClip> clips = new ArrayList<>();
        for (FeatureCache.Entry entry : entries) {
            FileReport report = entry.report();
            if (report.usable()) {
                report = report.withSplit(validation.contains(report.contentHash()) ? Split.VALIDATION : Split.TRAIN);
                clips.add(new ImportedClip(report, entry.audio(), entry.logMel()));
            }
            reports.add(report);
        }
        return new Dataset(reports, clips, options);
    }

    /**
     * Holds out a share of the usable files, chosen by a hash of their content and the split seed:
     * the same files always land on the same side, whatever their names or order. Sets of fewer
     * than five files are too small to spare any.
     */
    Set<String> validationSet(List<String> usableHashes) {
        int count = usableHashes.size();
        int held = count < 5 || options.validationFraction() == 0 ? 0
                : Math.max(1, (int) Math.round(count * options.validationFraction()));
        return usableHashes.stream()
                .distinct()
                .sorted(Comparator.comparing(h -> ContentHash.ofString(options.splitSeed() + ":" + h)))
                .limit(held)
                .collect(Collectors.toSet());
    }

    private static FeatureCache.Entry skip(Path file, String hash, Verdict verdict, String detail) {
        return new FeatureCache.Entry(FileReport.skipped(file, hash, verdict, detail), null, null);
    }

    private static FileReport report(Path file, String hash, double duration, int rate, int channels, double peak,
                                     Verdict verdict, String detail) {
        return new FileReport(file, hash, duration, rate, channels, peak, verdict, detail, Split.NONE);
    }

    /** The exception's message without the file name it starts with: the report already names the file. */
    private static String problemOf(AudioReadException e) {
        String message = e.getMessage();
        String prefix = e.file() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String formatDb(double db) {
        return Double.isInfinite(db) ? "-inf dBFS" : String.format(Locale.ROOT, "%.1f dBFS", db);
    }
}
