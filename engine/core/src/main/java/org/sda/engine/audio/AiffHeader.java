package org.sda.engine.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * Reads the frame count an AIFF or AIFF-C file declares in its COMM chunk.
 *
 * <p>Needed because libsndfile, given an AIFF whose sound data is shorter than COMM says,
 * quietly reports the shorter length; comparing against the declared count is what reveals a
 * cut-off file. Only the chunk headers are read, never the samples.
 */
final class AiffHeader {

    private AiffHeader() {}

    /** COMM's numSampleFrames, or empty if the file is not AIFF or has no readable COMM chunk. */
    static OptionalLong declaredFrames(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(12); // AIFF is big-endian, ByteBuffer's default
            if (channel.read(header, 0) < 12 || !fourCc(header, 0).equals("FORM")
                    || !(fourCc(header, 8).equals("AIFF") || fourCc(header, 8).equals("AIFC"))) {
                return OptionalLong.empty();
            }
            long position = 12;
            ByteBuffer chunk = ByteBuffer.allocate(14);
            while (position + 8 <= size) {
                chunk.clear();
                if (channel.read(chunk, position) < 8) {
                    break;
                }
                long chunkSize = Integer.toUnsignedLong(chunk.getInt(4));
                if (fourCc(chunk, 0).equals("COMM")) {
                    return chunk.position() >= 14
                            ? OptionalLong.of(Integer.toUnsignedLong(chunk.getInt(10)))
                            : OptionalLong.empty();
                }
                // Chunks are padded to even lengths.
                position += 8 + chunkSize + (chunkSize & 1);
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static String fourCc(ByteBuffer buffer, int offset) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = buffer.get(offset + i);
        }
        return new String(id, StandardCharsets.ISO_8859_1);
    }
}
