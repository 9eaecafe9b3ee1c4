package org.sda.ui.standalone;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Records what the host plays to a WAV file (32-bit float, stereo, at the host's rate). The render
 * thread copies each block into a ring allocated here (no allocation, no lock: one writer, one
 * reader, two counters); a writer thread puts it on disk, and {@link #close} finishes the header.
 * The file is written under a temporary name, synced and moved into place when complete, so a
 * half-written recording is never mistaken for a whole one. If the writer falls behind by more
 * than the ring ({@value #RING_SECONDS} s), the frames that did not fit are counted and
 * {@link #close} says so; a write that fails (disk full) ends the recording with a message that
 * names the file, and the partial file is removed. Blocks carry the audio clock's frame where
 * there is one (JACK): cycles the host missed (xruns) are recorded as the silence they were, so a
 * frame of the file is a frame of the clock.
 */
final class WavRecorder implements AutoCloseable {

    private static final int RING_SECONDS = 8;

    private final Path file;
    private final Path partial;
    private final int sampleRate;
    private final float[] ring;               // interleaved stereo
    private final int mask;
    private final AtomicLong written = new AtomicLong();    // samples the render thread put in; it alone writes
    private final AtomicLong taken = new AtomicLong();      // samples the writer took; it alone writes
    private final RandomAccessFile out;
    private final Thread writer;
    private volatile boolean running = true;
    private volatile IOException failure;
    private volatile long startFrame = -1;
    private long dropped;                     // render thread only
    private long nextFrame = -1;              // render thread only: the clock frame the next block should start at
    private long gaps;                        // render thread only
    private volatile long gapsSeen;
    private volatile long droppedSeen;
    private long frames;

    WavRecorder(Path file, int sampleRate) throws IOException {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".part");
        this.sampleRate = sampleRate;
        int size = Integer.highestOneBit(Math.max(1 << 12, sampleRate * 2 * RING_SECONDS - 1)) << 1;
        this.ring = new float[size];
        this.mask = size - 1;
        Files.deleteIfExists(partial);
        out = new RandomAccessFile(partial.toFile(), "rw");
        try {
            out.write(header(0));
        } catch (IOException e) {
            out.close();
            Files.deleteIfExists(partial);
            throw new IOException("cannot write " + partial + ": " + e.getMessage(), e);
        }
        writer = new Thread(this::write, "sda-host-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    Path file() {
        return file;
    }

    /** The audio clock's frame (JACK's frame time) of the first recorded sample; -1 when not known. */
    long startFrame() {
        return startFrame;
    }

    /** Times the audio clock jumped ahead of the blocks handed over (xruns), filled with silence. */
    long gaps() {
        return gapsSeen;
    }

    /** Why the recording stopped writing, or {@code null} while it is fine. */
    IOException failure() {
        return failure;
    }

    /**
     * Render thread: a block to record; {@code clockFrame} is the audio clock's frame of its first
     * sample (JACK's frame time), or -1 where there is no such clock. Allocates nothing.
     */
    void accept(float[] left, float[] right, int n, long clockFrame) {
        if (startFrame < 0 && clockFrame >= 0) {
            startFrame = clockFrame;
            nextFrame = clockFrame;
        }
        if (clockFrame > nextFrame && nextFrame >= 0) {
            // Cycles the server ran without us (an xrun): silence there, so the file keeps to the clock.
            long gap = Math.min(clockFrame - nextFrame, sampleRate);
            gaps++;
            gapsSeen = gaps;
            long w = written.get();
            if (failure == null && w + 2 * gap - taken.get() <= ring.length) {
                for (long i = 0; i < 2 * gap; i++) {
                    ring[(int) (w + i) & mask] = 0f;
                }
                written.lazySet(w + 2 * gap);
            } else {
                dropped += gap;
                droppedSeen = dropped;
            }
        }
        if (clockFrame >= 0) {
            nextFrame = clockFrame + n;
        }
        long w = written.get();
        if (failure != null || w + 2L * n - taken.get() > ring.length) {
            dropped += n;
            droppedSeen = dropped;
            return;
        }
        for (int i = 0; i < n; i++) {
            ring[(int) (w + 2L * i) & mask] = left[i];
            ring[(int) (w + 2L * i + 1) & mask] = right[i];
        }
        written.lazySet(w + 2L * n);
    }

    void accept(float[] left, float[] right, int n) {
        accept(left, right, n, -1);
    }

    private void write() {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            boolean last = !running;
            long t = taken.get();
            long w = written.get();
            if (t == w) {
                if (last) {
                    return;
                }
                LockSupport.parkNanos(5_000_000);
                continue;
            }
            long n = Math.min(w - t, chunk.capacity() / 4);
            chunk.clear();
            for (long i = 0; i < n; i++) {
                chunk.putFloat(ring[(int) (t + i) & mask]);
            }
            if (failure == null) {
                try {
                    out.write(chunk.array(), 0, chunk.position());
                    frames += n / 2;
                } catch (IOException e) {
                    failure = e;
                }
            }
            taken.lazySet(t + n);
        }
    }

    /**
     * Stops, writes what was handed over, finishes the file and moves it into place; returns it.
     * Not the render thread (which must have stopped handing blocks over).
     *
     * @throws IOException naming the file when it could not be written (disk full…); the partial
     *     file is removed then
     */
    @Override
    public void close() throws IOException {
        running = false;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException failed = failure;
        try (out) {
            if (failed == null) {
                out.seek(0);
                out.write(header(frames));
                out.getFD().sync();
            }
        } catch (IOException e) {
            failed = e;
        }
        if (failed != null) {
            Files.deleteIfExists(partial);
            throw new IOException("recording to " + file + " failed: " + failed.getMessage(), failed);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (droppedSeen > 0) {
            throw new IOException(String.format(java.util.Locale.ROOT, "%s was saved, but %.2f s are missing from it:"
                    + " the disk did not keep up", file, droppedSeen / (double) sampleRate));
        }
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
