package org.sda.ui.standalone;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Records what the host plays to a WAV file (32-bit float, stereo, at the host's rate). The
 * render thread hands over copies of its blocks (a small allocation per block: the standalone
 * host's choice, never the plugin's); a writer thread puts them on disk, and {@link #close}
 * finishes the header. The file is written under a temporary name and moved into place when
 * complete, so a half-written recording is never mistaken for a whole one.
 */
final class WavRecorder implements AutoCloseable {

    private final Path file;
    private final Path partial;
    private final int sampleRate;
    private final ConcurrentLinkedQueue<float[]> blocks = new ConcurrentLinkedQueue<>();
    private final RandomAccessFile out;
    private final Thread writer;
    private volatile boolean running = true;
    private long frames;
    private IOException failure;

    WavRecorder(Path file, int sampleRate) throws IOException {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".part");
        this.sampleRate = sampleRate;
        Files.deleteIfExists(partial);
        out = new RandomAccessFile(partial.toFile(), "rw");
        out.write(header(0));
        writer = new Thread(this::write, "sda-host-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    Path file() {
        return file;
    }

    /** Render thread: a block to record. */
    void accept(float[] left, float[] right, int n) {
        float[] block = new float[n * 2];
        for (int i = 0; i < n; i++) {
            block[2 * i] = left[i];
            block[2 * i + 1] = right[i];
        }
        blocks.add(block);
    }

    private void write() {
        while (running || !blocks.isEmpty()) {
            float[] b = blocks.poll();
            if (b == null) {
                LockSupport.parkNanos(5_000_000);
                continue;
            }
            if (failure != null) {
                continue;
            }
            ByteBuffer buf = ByteBuffer.allocate(b.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : b) {
                buf.putFloat(v);
            }
            try {
                out.write(buf.array());
                frames += b.length / 2;
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    /** Stops, writes what was handed over, finishes the file; returns it. Not the render thread. */
    @Override
    public void close() throws IOException {
        running = false;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (out) {
            if (failure != null) {
                throw failure;
            }
            out.seek(0);
            out.write(header(frames));
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private byte[] header(long frameCount) {
        long data = frameCount * 8;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + data));
        h.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        h.putShort((short) 3).putShort((short) 2).putInt(sampleRate).putInt(sampleRate * 8).putShort((short) 8).putShort((short) 32);
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) data);
        return h.array();
    }
}
