package org.sda.engine.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import com.sun.jna.Pointer;

/**
 * A direct view of one plugin instance's native {@code struct sda_shared} (plugin-shim's
 * {@code shared.h}; the offsets here mirror its static asserts). The audio thread produces
 * events and consumes audio; the render thread (the only Java user) consumes events and produces
 * audio. Counters the other side writes are read with acquire loads, ours are published with
 * release stores: the rings need no lock.
 *
 * <p>Thread: the render thread, except {@link #check} and the read-only statistics.
 * Allocates nothing after construction.
 */
final class SharedBlock {

    static final int MAGIC = 0x31414453;
    static final int VERSION = 1;

    static final int AUDIO_CAPACITY_OFF = 8;
    static final int EVENT_CAPACITY_OFF = 12;
    static final int SAMPLE_RATE_OFF = 16;
    static final int MAX_BLOCK_OFF = 24;
    static final int LATENCY_OFF = 28;
    static final int EVENT_WRITE_OFF = 64;
    static final int AUDIO_READ_OFF = 72;
    static final int KNOWN_UNTIL_OFF = 80;
    static final int EVENT_READ_OFF = 128;
    static final int AUDIO_WRITE_OFF = 136;
    static final int RENDERED_UNTIL_OFF = 144;
    static final int RENDER_ALIVE_OFF = 164;
    static final int BLOCKS_OFF = 192;
    static final int UNDERRUNS_OFF = 200;
    static final int EVENTS_OFF = 256;
    static final int EVENT_SIZE = 24;

    /** Event kinds, as {@code enum sda_event_kind}. */
    static final int NOTE_ON = 1;
    static final int NOTE_OFF = 2;
    static final int PARAMETER = 3;
    static final int ALL_NOTES_OFF = 4;

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
        ByteBuffer header = address.getByteBuffer(0, EVENTS_OFF).order(ByteOrder.nativeOrder());
        if (header.getInt(0) != MAGIC || header.getInt(4) != VERSION) {
            throw new IllegalStateException(String.format(
                    "native shared block has magic %08x version %d; this bridge needs %08x version %d",
                    header.getInt(0), header.getInt(4), MAGIC, VERSION));
        }
        audioCapacity = header.getInt(AUDIO_CAPACITY_OFF);
        eventCapacity = header.getInt(EVENT_CAPACITY_OFF);
        if (Integer.bitCount(audioCapacity) != 1 || Integer.bitCount(eventCapacity) != 1) {
            throw new IllegalStateException("ring capacities must be powers of two");
        }
        long leftOff = EVENTS_OFF + (long) EVENT_SIZE * eventCapacity;
        long size = leftOff + 8L * audioCapacity;
        buffer = address.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        left = buffer.slice((int) leftOff, 4 * audioCapacity).order(ByteOrder.nativeOrder()).asFloatBuffer();
        right = buffer.slice((int) leftOff + 4 * audioCapacity, 4 * audioCapacity)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    Pointer address() {
        return address;
    }

    double sampleRate() {
        return buffer.getDouble(SAMPLE_RATE_OFF);
    }

    int maxBlock() {
        return buffer.getInt(MAX_BLOCK_OFF);
    }

    int latency() {
        return buffer.getInt(LATENCY_OFF);
    }

    int audioCapacity() {
        return audioCapacity;
    }

    long knownUntil() {
        return (long) LONGS.getAcquire(buffer, KNOWN_UNTIL_OFF);
    }

    long eventWrite() {
        return (long) LONGS.getAcquire(buffer, EVENT_WRITE_OFF);
    }

    long audioRead() {
        return (long) LONGS.getAcquire(buffer, AUDIO_READ_OFF);
    }

    /** Our own counters: plain reads are enough, only we write them. */
    long eventRead() {
        return buffer.getLong(EVENT_READ_OFF);
    }

    long audioWrite() {
        return buffer.getLong(AUDIO_WRITE_OFF);
    }

    long renderedUntil() {
        return buffer.getLong(RENDERED_UNTIL_OFF);
    }

    void publishEventRead(long position) {
        LONGS.setRelease(buffer, EVENT_READ_OFF, position);
    }

    /** Publishes new audio and how far instrument time has been rendered, audio first. */
    void publishRendered(long audioWrite, long renderedUntil) {
        LONGS.setRelease(buffer, AUDIO_WRITE_OFF, audioWrite);
        LONGS.setRelease(buffer, RENDERED_UNTIL_OFF, renderedUntil);
    }

    void setRenderAlive(boolean alive) {
        INTS.setRelease(buffer, RENDER_ALIVE_OFF, alive ? 1 : 0);
    }

    long eventTime(long position) {
        return buffer.getLong(eventOffset(position));
    }

    int eventKind(long position) {
        return buffer.getInt(eventOffset(position) + 8);
    }

    int eventIndex(long position) {
        return buffer.getInt(eventOffset(position) + 12);
    }

    double eventValue(long position) {
        return buffer.getDouble(eventOffset(position) + 16);
    }

    private int eventOffset(long position) {
        return EVENTS_OFF + EVENT_SIZE * (int) (position & (eventCapacity - 1));
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
        return (long) LONGS.getAcquire(buffer, BLOCKS_OFF);
    }

    long underruns() {
        return (long) LONGS.getAcquire(buffer, UNDERRUNS_OFF);
    }
}
