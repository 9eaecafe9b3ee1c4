package org.sda.engine.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.sda.engine.audio.AudioBuffer;
import org.sda.engine.audio.AudioFiles;
import org.sda.engine.audio.Loudness;
import org.sda.engine.audio.Mixdown;
import org.sda.engine.audio.Resampler;

/**
 * Renders and writes one sound as {@link ExportSettings} say: channel layout (mono, stereo,
 * binaural) at the sound's own rate, then resampling (soxr) to the output rate, then level
 * (peak or loudness), then encoding, atomically.
 *
 * <p>Integer and lossy formats cannot hold more than full scale; a result that would clip is
 * turned down to {@value #CLIP_GUARD_DBFS} dBFS and the {@link Result} says by how much. 32-bit
 * float WAV keeps it as it is.
 *
 * <p>Thread-safe; runs on the caller's thread (which should not be the Swing event thread:
 * binaural rendering and encoding take a while on long sounds).
 */
public final class AudioExporter {

    /** Peak a clipping result is turned down to. */
    public static final double CLIP_GUARD_DBFS = -1.0;

    /** Space checks, replaceable in tests (a full disk cannot be made on demand). */
    interface SpaceProbe {
        long usableBytes(Path folder) throws IOException;
    }

    private static final SpaceProbe DISK = folder -> Files.getFileStore(folder).getUsableSpace();

    /**
     * What was written.
     *
     * @param gainDb level change applied by normalisation and the clip guard together
     * @param note what a user should know ("turned down 2.3 dB to avoid clipping"), or empty
     */
    public record Result(Path file, ExportFormat format, int sampleRate, int channels, int frames,
                         double peakDbfs, double lufs, double gainDb, String note) {
        /** One line for a log or a status bar. */
        public String summary() {
            return String.format(Locale.ROOT, "%s: %s, %d Hz, %s, %.2f s, peak %.1f dBFS, %.1f LUFS%s",
                    file.getFileName(), format.label(), sampleRate, channels == 1 ? "mono" : "stereo",
                    (double) frames / sampleRate, peakDbfs, lufs, note.isEmpty() ? "" : "; " + note);
        }
    }

    private AudioExporter() {}

    /** Renders and writes {@code audio} to {@code file}. */
    public static Result export(AudioBuffer audio, Path file, ExportSettings settings) throws ExportException {
        return export(audio, file, settings, DISK);
    }

    static Result export(AudioBuffer audio, Path file, ExportSettings settings, SpaceProbe space)
            throws ExportException {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(file, "file");
        int rate = settings.outputRate(audio.sampleRate());
        checkEncoder(settings.format(), rate, settings.spatial().channels());
        Path folder = file.toAbsolutePath().getParent();
        prepareFolder(folder);
        Rendered rendered = render(audio, settings);
        AudioBuffer out = rendered.audio();
        long estimate = estimatedBytes(out, settings.format());
        try {
            long free = space.usableBytes(folder);
            if (free < estimate) {
                throw new ExportException(ExportException.Kind.DISK_FULL, String.format(Locale.ROOT,
                        "%s: the disk is full: %s needs about %s and %s is free; free some space or export elsewhere",
                        folder, file.getFileName(), size(estimate), size(free)));
            }
        } catch (ExportException e) {
            throw e;
        } catch (IOException e) {
            // Space cannot be asked for on some file systems; the write itself will tell.
        }
        try {
            AudioFiles.write(file, out, settings.format().encoding());
        } catch (IOException e) {
            throw explain(file, e);
        }
        return new Result(file, settings.format(), out.sampleRate(), out.channelCount(), out.frameCount(),
                Loudness.peakDbfs(out), Loudness.integratedLufs(out), rendered.gainDb(), rendered.note());
    }

    /** A rendered sound before encoding, with the gain that normalisation applied. */
    public record Rendered(AudioBuffer audio, double gainDb, String note) {}

    /**
     * The sound as it will be written, without writing it: for previews and A/B in the app.
     *
     * @throws ExportException {@code HEAD_MODEL} when the SOFA file cannot be used
     */
    public static Rendered render(AudioBuffer audio, ExportSettings settings) throws ExportException {
        AudioBuffer out = switch (settings.spatial().mode()) {
            case MONO -> audio.channelCount() == 1 ? audio : Mixdown.toMono(audio);
            case STEREO -> StereoWidener.widen(audio, settings.spatial().width());
            case BINAURAL -> BinauralRenderer.render(audio, headModel(settings.hrtfFile()), settings.spatial().placement());
        };
        int rate = settings.outputRate(audio.sampleRate());
        if (rate != out.sampleRate()) {
            if (!Resampler.isAvailable()) {
                throw new ExportException(ExportException.Kind.ENCODER_MISSING, "exporting at " + rate
                        + " Hz needs libsoxr0 (resampling), which is not installed");
            }
            out = Resampler.resample(out, rate);
        }
        double before = Loudness.peakDbfs(out);
        Normalization n = settings.normalization();
        out = switch (n.kind()) {
            case NONE -> out;
            case PEAK -> Loudness.normalizePeak(out, n.target());
            case LOUDNESS -> Loudness.normalizeLoudness(out, n.target());
        };
        String note = "";
        double peak = Loudness.peakDbfs(out);
        if (settings.format() != ExportFormat.WAV32F && peak > 0) {
            note = String.format(Locale.ROOT, "turned down %.1f dB to avoid clipping", peak - CLIP_GUARD_DBFS);
            out = Loudness.withGain(out, CLIP_GUARD_DBFS - peak);
        }
        double after = Loudness.peakDbfs(out);
        double gain = Double.isInfinite(before) || Double.isInfinite(after) ? 0 : after - before;
        return new Rendered(out, gain, note);
    }

    /** The head model for a settings' SOFA file, or the bundled one. */
    public static Hrtf headModel(Path sofa) throws ExportException {
        try {
            return sofa == null ? Hrtf.defaultHead() : Hrtf.load(sofa);
        } catch (HrtfException e) {
            throw new ExportException(ExportException.Kind.HEAD_MODEL, "head model " + e.getMessage(), e);
        }
    }

    /**
     * Fails before any work when the system's libsndfile cannot write {@code format}: the
     * message names the format and what to install.
     */
    public static void checkEncoder(ExportFormat format, int sampleRate, int channels) throws ExportException {
        if (AudioFiles.canWrite(format.encoding(), sampleRate, channels)) {
            return;
        }
        if (!AudioFiles.nativeCodecsAvailable()) {
            throw new ExportException(ExportException.Kind.ENCODER_MISSING, format.label()
                    + " export needs libsndfile1, which is not installed (WAV works without it)");
        }
        String version = AudioFiles.nativeCodecVersion().orElse("libsndfile");
        String what = switch (format) {
            case MP3 -> "it was built without MP3 (LAME) support; libsndfile 1.1 or newer with libmp3lame is needed";
            case OPUS -> "it was built without Opus support; libsndfile 1.0.29 or newer with libopus is needed";
            case OGG -> "it was built without Ogg Vorbis support (libvorbis)";
            case FLAC -> "it was built without FLAC support";
            default -> "it does not accept this format";
        };
        throw new ExportException(ExportException.Kind.ENCODER_MISSING, String.format(Locale.ROOT,
                "%s export is not available: the installed %s cannot write %s at %d Hz with %d channel%s: %s",
                format.label(), version, format.label(), sampleRate, channels, channels == 1 ? "" : "s", what));
    }

    /** Whether this system can export {@code format} at all (for menus that grey out the rest). */
    public static boolean isAvailable(ExportFormat format) {
        int rate = format.fixedRate() != 0 ? format.fixedRate() : 44_100;
        return AudioFiles.canWrite(format.encoding(), rate, 2);
    }

    private static void prepareFolder(Path folder) throws ExportException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw explain(folder, e);
        }
        if (!Files.isWritable(folder)) {
            throw new ExportException(ExportException.Kind.FOLDER_READ_ONLY, folder
                    + ": the folder is read-only; choose another folder or change its permissions");
        }
    }

    /** Turns a file system failure into a message that names the place and what to do. */
    static ExportException explain(Path where, IOException e) {
        if (e instanceof ExportException ee) {
            return ee;
        }
        String text = String.valueOf(e.getMessage());
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : text;
        String lower = (reason + " " + text).toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("disk quota") || lower.contains("disk full")) {
            return new ExportException(ExportException.Kind.DISK_FULL, where
                    + ": the disk is full; free some space or export elsewhere (nothing was written)", e);
        }
        if (e instanceof AccessDeniedException || lower.contains("read-only file system")
                || lower.contains("permission denied")) {
            return new ExportException(ExportException.Kind.FOLDER_READ_ONLY, where
                    + ": cannot write there (read-only or permission denied); choose another folder", e);
        }
        return new ExportException(ExportException.Kind.WRITE_FAILED, where + ": could not be written: " + text, e);
    }

    private static long estimatedBytes(AudioBuffer audio, ExportFormat format) {
        long samples = (long) audio.frameCount() * audio.channelCount();
        long bytes = switch (format) {
            case WAV16 -> samples * 2;
            case WAV24, FLAC -> samples * 3;
            case WAV32F -> samples * 4;
            default -> samples / 4; // lossy: well under 2 bits per sample, a safe upper bound
        };
        return bytes + 64 * 1024;
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%d KiB", Math.max(1, bytes / 1024));
    }
}
