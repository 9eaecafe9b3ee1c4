package org.sda.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.sda.engine.export.AudioExporter;
import org.sda.engine.export.ExportFormat;
import org.sda.engine.export.ExportSettings;
import org.sda.engine.export.Normalization;
import org.sda.engine.export.Placement;
import org.sda.engine.export.Spatial;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --format}, {@code --rate}, {@code --normalize}, {@code --stereo}, {@code --binaural} and
 * {@code --hrtf}: how a command writes its sounds, the same for generate, decode and reconstruct.
 */
final class ExportOptionsMixin {

    @Option(names = "--format", paramLabel = "F",
            description = "wav (24-bit), wav16, wav24, wav32f, flac, ogg, mp3 or opus (Opus is always 48 kHz)."
                    + " Default: the output's extension, else wav.")
    String format;

    @Option(names = "--rate", paramLabel = "HZ", description = "Sample rate to write (resampled). Default: the model's rate.")
    Integer rate;

    @Option(names = "--normalize", paramLabel = "N", defaultValue = "none",
            description = "none, peak[:DBFS] (default -1) or lufs[:LUFS] (default -16). Default: ${DEFAULT-VALUE}.")
    String normalize;

    @Option(names = "--stereo", paramLabel = "WIDTH",
            description = "Stereo from the mono sound: width 0 (identical channels) to 1 (widest); the mono sum stays the sound.")
    Double stereo;

    @Option(names = "--binaural", paramLabel = "AZ,EL[,DIST]",
            description = {"Place the sound around the listener's head (headphones): azimuth in degrees,",
                "POSITIVE TO THE RIGHT (+90 = right ear, -90 = left, 180 = behind; SOFA files count the",
                "other way, converted here), elevation in degrees (+90 = above), distance in metres",
                "(default: the head model's, 1.4 m). E.g. --binaural 90,0 or --binaural -30,15,2."})
    String binaural;

    @Option(names = "--hrtf", paramLabel = "FILE.sofa",
            description = "Your own head model for --binaural (SOFA). Default: the bundled MIT KEMAR (Gardner & Martin, MIT Media Lab).")
    Path hrtf;

    /** The chosen format: {@code --format}, else the file name's extension, else 24-bit WAV. */
    ExportFormat format(CommandLine commandLine, Path fileName) {
        if (format != null) {
            ExportFormat chosen = ExportFormat.forId(format).orElseThrow(() -> new CommandLine.ParameterException(
                    commandLine, "--format " + format + " is not a format; use " + ExportFormat.ids()));
            if (fileName != null) {
                ExportFormat.forFileName(fileName.getFileName().toString()).ifPresent(implied -> {
                    if (!implied.extension().equals(chosen.extension())) {
                        throw new CommandLine.ParameterException(commandLine, fileName + ": the extension says "
                                + implied.label() + " but --format is " + chosen.label() + "; make them agree");
                    }
                });
            }
            return chosen;
        }
        if (fileName != null) {
            return ExportFormat.forFileName(fileName.getFileName().toString()).orElseThrow(() ->
                    new CommandLine.ParameterException(commandLine, fileName
                            + ": unknown audio file extension; use .wav, .flac, .ogg, .opus or .mp3, or give --format"));
        }
        return ExportFormat.WAV24;
    }

    /** Everything as export settings; a bad value is a usage error naming the option. */
    ExportSettings settings(CommandLine commandLine, Path fileName) {
        ExportFormat chosen = format(commandLine, fileName);
        try {
            if (stereo != null && binaural != null) {
                throw new IllegalArgumentException("--stereo and --binaural exclude each other; binaural is already stereo");
            }
            if (hrtf != null && binaural == null) {
                throw new IllegalArgumentException("--hrtf needs --binaural AZ,EL");
            }
            Spatial spatial = stereo != null ? Spatial.stereo(stereo)
                    : binaural != null ? Spatial.binaural(placement()) : Spatial.MONO;
            return new ExportSettings(chosen, rate == null ? 0 : rate, Normalization.parse(normalize), spatial, hrtf);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    private Placement placement() {
        try {
            return Placement.parse(binaural);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--binaural " + e.getMessage());
        }
    }

    /** The output file with the format's extension added when it has none. */
    static Path withExtension(Path output, ExportFormat format) {
        String name = output.getFileName().toString();
        return name.lastIndexOf('.') > 0 ? output : output.resolveSibling(name + "." + format.extension());
    }

    /** "stereo, width 0.50; -16.0 LUFS" or empty for a plain mono export. */
    static String describe(ExportSettings settings, AudioExporter.Result result) {
        StringBuilder s = new StringBuilder();
        if (settings.spatial().mode() != Spatial.Mode.MONO) {
            s.append(", ").append(settings.spatial());
        }
        if (settings.normalization().kind() != Normalization.Kind.NONE) {
            s.append(", ").append(settings.normalization());
        }
        if (!result.note().isEmpty()) {
            s.append(", ").append(result.note());
        }
        return s.toString();
    }

    /** Says, on {@code err}, which encoder is missing, before any work: returns false then. */
    static boolean checkEncoder(PrintWriter err, String command, ExportSettings settings, int sourceRate) {
        try {
            AudioExporter.checkEncoder(settings.format(), settings.outputRate(sourceRate), settings.spatial().channels());
            return true;
        } catch (org.sda.engine.export.ExportException e) {
            err.println("sda " + command + ": " + e.getMessage());
            err.flush();
            return false;
        }
    }

    static String hz(int rate) {
        return String.format(Locale.ROOT, "%d Hz", rate);
    }
}
