package org.sda.engine.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognises audio containers from their first bytes ("magic numbers").
 *
 * <p>Used to tell damaged audio from something that never was audio when a decoder gives up:
 * libsndfile picks a decoder partly by file name extension, so a text file named {@code .mp3}
 * fails inside the MP3 decoder with an error that looks like damage. If the bytes carry no
 * known signature, the file is classified as not audio whatever the decoder said.
 */
final class FileSignature {

    private static final int PREFIX_BYTES = 12;

    private FileSignature() {}

    /**
     * The container the file starts like ({@code "WAV"}, {@code "AIFF"}, {@code "FLAC"},
     * {@code "OGG"}, {@code "MP3"}, {@code "CAF"}, {@code "AU"}, {@code "W64"}), or empty if none
     * or unreadable.
     */
    static Optional<String> detect(Path file) {
        byte[] head = new byte[PREFIX_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, PREFIX_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
        return detect(head, length);
    }

    static Optional<String> detect(byte[] head, int length) {
        String start = length >= 4 ? new String(head, 0, 4, StandardCharsets.ISO_8859_1) : "";
        String form = length >= 12 ? new String(head, 8, 4, StandardCharsets.ISO_8859_1) : "";
        if ((start.equals("RIFF") || start.equals("RF64")) && form.equals("WAVE")) {
            return Optional.of("WAV");
        }
        if (start.equals("FORM") && (form.equals("AIFF") || form.equals("AIFC"))) {
            return Optional.of("AIFF");
        }
        if (start.equals("riff")) {
            return Optional.of("W64");
        }
        return switch (start) {
            case "fLaC" -> Optional.of("FLAC");
            case "OggS" -> Optional.of("OGG");
            case "caff" -> Optional.of("CAF");
            case ".snd" -> Optional.of("AU");
            default -> isMpeg(head, length) ? Optional.of("MP3") : Optional.empty();
        };
    }

    /** An ID3v2 tag, or an MPEG audio frame header (11 sync bits, then a valid layer). */
    private static boolean isMpeg(byte[] head, int length) {
        if (length >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            return true;
        }
        return length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0
                && (head[1] & 0x06) != 0;
    }
}
