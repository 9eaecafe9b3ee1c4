package org.sda.engine.audio;

import static org.sda.engine.audio.AudioReadException.Kind.CORRUPT;
import static org.sda.engine.audio.AudioReadException.Kind.NOT_AUDIO;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Pure-Java RIFF/WAVE reader and writer, so that WAV works without libsndfile.
 *
 * <p>Reads 8-bit unsigned, 16/24/32-bit signed integer and 32/64-bit float samples, in plain
 * and {@code WAVE_FORMAT_EXTENSIBLE} headers, RF64 included, any channel count and rate.
 * Compressed WAV encodings (ADPCM, µ-law, ...) are refused; libsndfile reads those. Integers
 * are scaled by 2^(bits-1), the same as libsndfile, so both paths give identical floats.
 *
 * <p>Writes 16/24-bit integer (rounded, clipped at full scale) and 32-bit float. Writing is
 * not atomic here; {@link AudioFiles#write} wraps it in {@link org.sda.engine.io.AtomicFiles}.
 *
 * <p>Allocation: a read allocates the result and one 64 KiB transfer buffer; a write allocates
 * only the transfer buffer. No state is shared between calls.
 */
final class WavCodec {

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final int TRANSFER_BYTES = 1 << 16;

    /** Speaker masks for the usual layouts of 1 to 8 channels, as WAVE_FORMAT_EXTENSIBLE wants. */
    private static final int[] CHANNEL_MASKS = {0, 0x4, 0x3, 0x7, 0x33, 0x37, 0x3F, 0x13F, 0x63F};

    /** The parts of a WAV header needed to decode it. */
    record Header(int formatTag, int channels, int sampleRate, int bitsPerSample, int blockAlign,
                  long dataOffset, long declaredDataBytes, long availableDataBytes) {

        /** Frames the header promises; equals {@link #availableFrames()} if it did not say. */
        long declaredFrames() {
            return declaredDataBytes < 0 ? availableFrames() : declaredDataBytes / blockAlign;
        }

        /** Frames actually present in the file. */
        long availableFrames() {
            long bytes = declaredDataBytes < 0
                    ? availableDataBytes : Math.min(declaredDataBytes, availableDataBytes);
            return bytes / blockAlign;
        }

        boolean isTruncated() {
            return availableFrames() < declaredFrames();
        }

        boolean isFloat() {
            return formatTag == TAG_FLOAT;
        }
    }

    private WavCodec() {}

    /** Whether the file starts like a RIFF or RF64 WAVE file; false if it cannot be read. */
    static boolean looksLikeWav(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(12);
            while (start.hasRemaining() && channel.read(start) > 0) {
                // Keep reading: a channel may return fewer bytes than asked.
            }
            if (start.hasRemaining()) {
                return false;
            }
            String riff = ascii(start, 0);
            return (riff.equals("RIFF") || riff.equals("RF64")) && ascii(start, 8).equals("WAVE");
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses the header without decoding samples. */
    static Header readHeader(Path file) throws AudioReadException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer chunk = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            if (readFully(channel, chunk.limit(12), 0) < 12) {
                throw new AudioReadException(file, NOT_AUDIO, "not a WAV file (too short)");
            }
            String riff = ascii(chunk, 0);
            if (!(riff.equals("RIFF") || riff.equals("RF64")) || !ascii(chunk, 8).equals("WAVE")) {
                throw new AudioReadException(file, NOT_AUDIO, "not a WAV file (no RIFF/WAVE header)");
            }
            long rf64DataBytes = -1;
            ByteBuffer fmt = null;
            long dataOffset = -1;
            long dataBytes = -1;
            long position = 12;
            while (position + 8 <= size && (fmt == null || dataOffset < 0)) {
                readFully(channel, chunk.clear().limit(8), position);
                String id = ascii(chunk, 0);
                long chunkSize = Integer.toUnsignedLong(chunk.getInt(4));
                long body = position + 8;
                if (id.equals("ds64")) {
                    readFully(channel, chunk.clear().limit(24), body);
                    rf64DataBytes = chunk.getLong(8);
                } else if (id.equals("fmt ")) {
                    fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
                    readFully(channel, fmt.limit((int) Math.min(40, chunkSize)), body);
                    fmt.flip();
                } else if (id.equals("data")) {
                    dataOffset = body;
                    dataBytes = riff.equals("RF64") && chunkSize == UNKNOWN_SIZE ? rf64DataBytes
                            : chunkSize == UNKNOWN_SIZE || chunkSize == 0 ? -1 : chunkSize;
                    if (dataBytes < 0) {
                        break;
                    }
                }
                // A data chunk of unknown length runs to the end; otherwise chunks are padded
                // to even sizes.
                position = body + chunkSize + (chunkSize & 1);
            }
            if (fmt == null || fmt.limit() < 16) {
                throw new AudioReadException(file, CORRUPT, "WAV header has no valid fmt chunk");
            }
            if (dataOffset < 0) {
                throw new AudioReadException(file, CORRUPT, "WAV file has no data chunk");
            }
            int tag = fmt.getShort(0) & 0xFFFF;
            int channels = fmt.getShort(2) & 0xFFFF;
            int rate = fmt.getInt(4);
            int blockAlign = fmt.getShort(12) & 0xFFFF;
            if (tag == TAG_EXTENSIBLE && fmt.limit() >= 26) {
                tag = fmt.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
            }
            if (channels == 0 || rate <= 0 || blockAlign == 0 || blockAlign % channels != 0) {
                throw new AudioReadException(file, CORRUPT, "WAV header is inconsistent: "
                        + channels + " channels, " + rate + " Hz, block " + blockAlign + " bytes");
            }
            // Decode by container size: samples with fewer valid bits are left-justified in it.
            int bits = blockAlign / channels * 8;
            boolean supported = (tag == TAG_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                    || (tag == TAG_FLOAT && (bits == 32 || bits == 64));
            if (!supported) {
                throw new AudioReadException(file, NOT_AUDIO, String.format(
                        "WAV encoding not supported without libsndfile1 (format tag 0x%04X, %d bits)",
                        tag, bits));
            }
            return new Header(tag, channels, rate, bits, blockAlign, dataOffset, dataBytes,
                    Math.max(0, size - dataOffset));
        }
    }

    /**
     * Decodes a whole WAV file.
     *
     * @param maxSeconds refuse (as {@code TOO_LONG}) files longer than this
     * @throws AudioReadException {@code CORRUPT} if the data chunk is shorter than its header says
     */
    static AudioBuffer read(Path file, double maxSeconds) throws AudioReadException, IOException {
        return read(file, maxSeconds, false);
    }

    /** Like {@link #read(Path, double)}, or with {@code startOnly} just the first {@code maxSeconds}. */
    static AudioBuffer read(Path file, double maxSeconds, boolean startOnly) throws AudioReadException, IOException {
        Header header = readHeader(file);
        long wanted = startOnly
                ? Math.min(header.availableFrames(), AudioFiles.maxFrames(header.sampleRate(), maxSeconds))
                : header.availableFrames();
        if (header.isTruncated() && wanted == header.availableFrames()) {
            throw AudioFiles.truncated(file, header.declaredFrames(), header.availableFrames());
        }
        int frames = AudioFiles.checkLength(file, wanted, header.sampleRate(), header.channels(), maxSeconds);
        float[][] channels = new float[header.channels()][frames];
        int bytesPerSample = header.bitsPerSample() / 8;
        int framesPerBlock = Math.max(1, TRANSFER_BYTES / header.blockAlign());
        ByteBuffer block = ByteBuffer.allocate(framesPerBlock * header.blockAlign())
                .order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int frame = 0;
            while (frame < frames) {
                int count = Math.min(framesPerBlock, frames - frame);
                block.clear().limit(count * header.blockAlign());
                long position = header.dataOffset() + (long) frame * header.blockAlign();
                if (readFully(channel, block, position) < block.limit()) {
                    // The file shrank between the header check and now.
                    throw AudioFiles.truncated(file, frames, frame);
                }
                int offset = 0;
                for (int i = 0; i < count; i++, frame++) {
                    for (float[] samples : channels) {
                        samples[frame] = sample(block, offset, bytesPerSample, header.isFloat());
                        offset += bytesPerSample;
                    }
                }
            }
        }
        return new AudioBuffer(channels, header.sampleRate());
    }

    private static float sample(ByteBuffer block, int offset, int bytes, boolean isFloat) {
        if (isFloat) {
            return bytes == 4 ? block.getFloat(offset) : (float) block.getDouble(offset);
        }
        return switch (bytes) {
            case 1 -> ((block.get(offset) & 0xFF) - 128) / 128f;
            case 2 -> block.getShort(offset) / 32768f;
            case 3 -> ((block.get(offset) & 0xFF) | (block.get(offset + 1) & 0xFF) << 8
                    | block.get(offset + 2) << 16) / 8388608f;
            default -> (float) (block.getInt(offset) / 2147483648.0);
        };
    }

    /**
     * Writes {@code audio} as a new WAV file at {@code file}, which must not exist yet; errors
     * name {@code target}, the path the caller asked for.
     * Integer encodings round to the nearest step of 2^-(bits-1) and clip to full scale, so a
     * file read by {@link #read} and written back at the same depth is bit-identical.
     */
    static void write(Path file, Path target, AudioBuffer audio, AudioEncoding encoding)
            throws IOException {
        int bits = encoding.bitsPerSample();
        int bytesPerSample = bits / 8;
        int channelCount = audio.channelCount();
        int blockAlign = bytesPerSample * channelCount;
        long dataBytes = (long) audio.frameCount() * blockAlign;
        boolean isFloat = encoding == AudioEncoding.WAV_FLOAT32;
        boolean extensible = channelCount > 2;
        int fmtSize = extensible ? 40 : isFloat ? 18 : 16;
        int factSize = isFloat ? 12 : 0;
        long riffSize = 4 + (8 + fmtSize) + factSize + 8 + dataBytes + (dataBytes & 1);
        if (riffSize > UNKNOWN_SIZE - 1) {
            throw new IOException(target + ": too long for a WAV file (4 GiB limit); write FLAC instead");
        }
        ByteBuffer header = ByteBuffer.allocate(12 + 8 + fmtSize + factSize + 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        header.put(bytes("RIFF")).putInt((int) riffSize).put(bytes("WAVE"));
        header.put(bytes("fmt ")).putInt(fmtSize)
                .putShort((short) (extensible ? TAG_EXTENSIBLE : isFloat ? TAG_FLOAT : TAG_PCM))
                .putShort((short) channelCount).putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * blockAlign).putShort((short) blockAlign)
                .putShort((short) bits);
        if (extensible) {
            int mask = channelCount < CHANNEL_MASKS.length ? CHANNEL_MASKS[channelCount] : 0;
            header.putShort((short) 22).putShort((short) bits).putInt(mask)
                    .putShort((short) (isFloat ? TAG_FLOAT : TAG_PCM))
                    // Remainder of the KSDATAFORMAT_SUBTYPE GUID shared by PCM and float.
                    .put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
                        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        } else if (isFloat) {
            header.putShort((short) 0);
        }
        if (isFloat) {
            header.put(bytes("fact")).putInt(4).putInt(audio.frameCount());
        }
        header.put(bytes("data")).putInt((int) dataBytes);

        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), TRANSFER_BYTES)) {
            out.write(header.array(), 0, header.position());
            int framesPerBlock = Math.max(1, TRANSFER_BYTES / blockAlign);
            ByteBuffer block = ByteBuffer.allocate(framesPerBlock * blockAlign)
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[][] channels = audio.channels();
            for (int start = 0; start < audio.frameCount(); start += framesPerBlock) {
                int end = Math.min(audio.frameCount(), start + framesPerBlock);
                block.clear();
                for (int frame = start; frame < end; frame++) {
                    for (float[] samples : channels) {
                        putSample(block, samples[frame], bits, isFloat);
                    }
                }
                out.write(block.array(), 0, block.position());
            }
            if ((dataBytes & 1) != 0) {
                out.write(0);
            }
        }
    }

    private static void putSample(ByteBuffer block, float value, int bits, boolean isFloat) {
        if (isFloat) {
            block.putFloat(value);
            return;
        }
        int v = quantise(value, bits);
        if (bits == 16) {
            block.putShort((short) v);
        } else {
            block.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
        }
    }

    /** Rounds to a signed integer of {@code bits} bits, clipping at full scale; NaN becomes 0. */
    static int quantise(float value, int bits) {
        double scale = 1L << (bits - 1);
        long v = Math.round(value * scale);
        return (int) Math.max(-scale, Math.min(scale - 1, v));
    }

    private static int readFully(FileChannel channel, ByteBuffer into, long position)
            throws IOException {
        int total = 0;
        while (into.hasRemaining()) {
            int n = channel.read(into, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static String ascii(ByteBuffer buffer, int offset) {
        char[] text = new char[4];
        for (int i = 0; i < 4; i++) {
            text[i] = (char) (buffer.get(offset + i) & 0xFF);
        }
        return new String(text);
    }

    private static byte[] bytes(String fourCc) {
        return fourCc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
