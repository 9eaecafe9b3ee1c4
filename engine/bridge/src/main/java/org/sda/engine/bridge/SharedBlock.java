package org.sda.engine.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import com.sun.jna.Pointer;

/**
 * A direct view of one plugin instance's native {@code struct sda_shared} (plugin-shim's
 * {@code shared.h}) at the offsets of {@link SharedLayout}, which the build generates from that header. The audio thread produces
 * events and consumes audio; the render thread (the only Java user) consumes events and produces
 * audio. Counters the other side writes are read with acquire loads, ours are published with
 * release stores: the rings need no lock.
 *
 * <p>Thread: the render thread, except {@link #check} and the read-only statistics.
 * Allocates nothing after construction.
 */
final class SharedBlock {

    /** Event kinds, as {@code enum sda_event_kind}. */
    static final int NOTE_ON = SharedLayout.NOTE_ON;
    static final int NOTE_OFF = SharedLayout.NOTE_OFF;
    static final int PARAMETER = SharedLayout.PARAMETER;
    static final int ALL_NOTES_OFF = SharedLayout.ALL_NOTES_OFF;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final Pointer address;
    private final ByteBuffer buffer;
    private final FloatBuffer left;
    private final FloatBuffer right;
    private final int audioCapacity;
    private final int eventCapacity;

    SharedBlock(Pointer address) {
        this.address = address;
        ByteBuffer header = address.getByteBuffer(0, SharedLayout.EVENTS_OFF).order(ByteOrder.nativeOrder());
        if (header.getInt(SharedLayout.MAGIC_OFF) != SharedLayout.MAGIC
                || header.getInt(SharedLayout.VERSION_OFF) != SharedLayout.VERSION) {
            throw new IllegalStateException(String.format(
                    "native shared block has magic %08x version %d; this bridge needs %08x version %d",
                    header.getInt(SharedLayout.MAGIC_OFF), header.getInt(SharedLayout.VERSION_OFF),
                    SharedLayout.MAGIC, SharedLayout.VERSION));
        }
        audioCapacity = header.getInt(SharedLayout.AUDIO_CAPACITY_OFF);
        eventCapacity = header.getInt(SharedLayout.EVENT_CAPACITY_OFF);
        if (audioCapacity != SharedLayout.AUDIO_CAPACITY || eventCapacity != SharedLayout.EVENT_CAPACITY) {
            throw new IllegalStateException(String.format("native shared block has rings of %d frames and %d events;"
                    + " this bridge was built for %d and %d", audioCapacity, eventCapacity,
                    SharedLayout.AUDIO_CAPACITY, SharedLayout.EVENT_CAPACITY));
        }
        buffer = address.getByteBuffer(0, SharedLayout.SIZE).order(ByteOrder.nativeOrder());
        left = buffer.slice(SharedLayout.LEFT_OFF, 4 * audioCapacity).order(ByteOrder.nativeOrder()).asFloatBuffer();
        right = buffer.slice(SharedLayout.RIGHT_OFF, 4 * audioCapacity).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    Pointer address() {
        return address;
    }

    double sampleRate() {
        return buffer.getDouble(SharedLayout.SAMPLE_RATE_OFF);
    }

    int maxBlock() {
        return buffer.getInt(SharedLayout.MAX_BLOCK_OFF);
    }

    int latency() {
        return buffer.getInt(SharedLayout.LATENCY_OFF);
    }

    int audioCapacity() {
        return audioCapacity;
    }

    long knownUntil() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.KNOWN_UNTIL_OFF);
    }

    long eventWrite() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.EVENT_WRITE_OFF);
    }

    long audioRead() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.AUDIO_READ_OFF);
    }

    /** Our own counters: plain reads are enough, only we write them. */
    long eventRead() {
        return buffer.getLong(SharedLayout.EVENT_READ_OFF);
    }

    long audioWrite() {
        return buffer.getLong(SharedLayout.AUDIO_WRITE_OFF);
    }

    long renderedUntil() {
        return buffer.getLong(SharedLayout.RENDERED_UNTIL_OFF);
    }

    void publishEventRead(long position) {
        LONGS.setRelease(buffer, SharedLayout.EVENT_READ_OFF, position);
    }

    /** Publishes new audio and how far instrument time has been rendered, audio first. */
    void publishRendered(long audioWrite, long renderedUntil) {
        LONGS.setRelease(buffer, SharedLayout.AUDIO_WRITE_OFF, audioWrite);
        LONGS.setRelease(buffer, SharedLayout.RENDERED_UNTIL_OFF, renderedUntil);
    }

    void setRenderAlive(boolean alive) {
        INTS.setRelease(buffer, SharedLayout.RENDER_ALIVE_OFF, alive ? 1 : 0);
    }

    long eventTime(long position) {
        return buffer.getLong(eventOffset(position) + SharedLayout.EVENT_TIME_OFF);
    }

    int eventKind(long position) {
        return buffer.getInt(eventOffset(position) + SharedLayout.EVENT_KIND_OFF);
    }

    int eventIndex(long position) {
        return buffer.getInt(eventOffset(position) + SharedLayout.EVENT_INDEX_OFF);
    }

    double eventValue(long position) {
        return buffer.getDouble(eventOffset(position) + SharedLayout.EVENT_VALUE_OFF);
    }

    private int eventOffset(long position) {
        return SharedLayout.EVENTS_OFF + SharedLayout.EVENT_SIZE * (int) (position & (eventCapacity - 1));
    }

    /** Copies {@code frames} frames into the audio ring at {@code position}, wrapping around. */
    void writeAudio(long position, float[] l, float[] r, int frames) {
        int slot = (int) (position & (audioCapacity - 1));
        int first = Math.min(frames, audioCapacity - slot);
        left.put(slot, l, 0, first);
        right.put(slot, r, 0, first);
        if (first < frames) {
            left.put(0, l, first, frames - first);
            right.put(0, r, first, frames - first);
        }
    }

    long blocks() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.BLOCKS_OFF);
    }

    long underruns() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.UNDERRUNS_OFF);
    }
}
