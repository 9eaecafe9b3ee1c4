package org.sda.engine.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Pointer;

/**
 * A direct view of one plugin instance's native {@code struct sda_shared} (plugin-shim's
 * {@code shared.h}) at the offsets of {@link SharedLayout}, which the build generates from that
 * header. The audio thread renders the voices in C; Java publishes variations here (tables of
 * handles, swapped by a generation counter) and drains the audio thread's parameter changes from
 * the event ring. Counters the other side writes are read with acquire loads, ours are published
 * with release stores: nothing here locks.
 *
 * <p>Thread: the bridge's publisher thread (the only Java writer), except the read-only
 * statistics. Allocates nothing after construction.
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
    private final int eventCapacity;

    SharedBlock(Pointer address) {
        this.address = address;
        ByteBuffer header = address.getByteBuffer(0, SharedLayout.EVENT_WRITE_OFF).order(ByteOrder.nativeOrder());
        if (header.getInt(SharedLayout.MAGIC_OFF) != SharedLayout.MAGIC
                || header.getInt(SharedLayout.VERSION_OFF) != SharedLayout.VERSION) {
            throw new IllegalStateException(String.format(
                    "native shared block has magic %08x version %d; this bridge needs %08x version %d",
                    header.getInt(SharedLayout.MAGIC_OFF), header.getInt(SharedLayout.VERSION_OFF),
                    SharedLayout.MAGIC, SharedLayout.VERSION));
        }
        eventCapacity = header.getInt(SharedLayout.EVENT_CAPACITY_OFF);
        int slots = header.getInt(SharedLayout.POOL_SLOTS_OFF);
        int handles = header.getInt(SharedLayout.VARIATION_HANDLES_OFF);
        if (eventCapacity != SharedLayout.EVENT_CAPACITY || slots != SharedLayout.POOL_SLOTS
                || handles != SharedLayout.VARIATION_HANDLES) {
            throw new IllegalStateException(String.format("native shared block has %d events, %d pool slots and"
                    + " %d handles; this bridge was built for %d, %d and %d", eventCapacity, slots, handles,
                    SharedLayout.EVENT_CAPACITY, SharedLayout.POOL_SLOTS, SharedLayout.VARIATION_HANDLES));
        }
        buffer = address.getByteBuffer(0, SharedLayout.SIZE).order(ByteOrder.nativeOrder());
    }

    Pointer address() {
        return address;
    }

    double sampleRate() {
        return buffer.getDouble(SharedLayout.SAMPLE_RATE_OFF);
    }

    /** The rate variations must be made at for the renderer to play them: the host rate, whole Hz. */
    int hostRate() {
        return (int) Math.round(sampleRate());
    }

    // ----- event ring: the audio thread's parameter changes -----

    long eventWrite() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.EVENT_WRITE_OFF);
    }

    /** Our own counter: a plain read is enough, only we write it. */
    long eventRead() {
        return buffer.getLong(SharedLayout.EVENT_READ_OFF);
    }

    void publishEventRead(long position) {
        LONGS.setRelease(buffer, SharedLayout.EVENT_READ_OFF, position);
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

    // ----- notes Java plays (the editor's keyboard) -----

    /**
     * Any Java thread (serialised here; the audio thread takes no lock): queues a note the audio
     * thread starts at the beginning of its next block; velocity 0 is a note-off. Returns false
     * when the ring is full (the audio thread has not run for {@link SharedLayout#NOTE_CAPACITY} notes).
     */
    synchronized boolean postNote(int key, float velocity) {
        long write = buffer.getLong(SharedLayout.NOTE_WRITE_OFF);
        if (write - (long) LONGS.getAcquire(buffer, SharedLayout.NOTE_READ_OFF) >= SharedLayout.NOTE_CAPACITY) {
            return false;
        }
        int at = SharedLayout.NOTES_OFF + SharedLayout.NOTE_SIZE * (int) (write & (SharedLayout.NOTE_CAPACITY - 1));
        buffer.putInt(at + SharedLayout.NOTE_KEY_OFF, key);
        buffer.putFloat(at + SharedLayout.NOTE_VELOCITY_OFF, velocity);
        LONGS.setRelease(buffer, SharedLayout.NOTE_WRITE_OFF, write + 1);
        return true;
    }

    // ----- published variations -----

    /** Our own counter: the newest table's generation (0 before the first). */
    long poolGen() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.POOL_GEN_OFF);
    }

    /** The audio thread reads no table older than this generation. */
    long poolSeen() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.POOL_SEEN_OFF);
    }

    /** Makes table {@code generation & 1}, written before, the one the audio thread takes next. */
    void publishPoolGen(long generation) {
        LONGS.setRelease(buffer, SharedLayout.POOL_GEN_OFF, generation);
    }

    /** Writes table {@code generation & 1}; only when the audio thread has seen {@code generation - 1}. */
    void writeTable(long generation, long epoch, int first, boolean canWait, int[] slots) {
        int at = SharedLayout.TABLES_OFF + SharedLayout.TABLE_SIZE * (int) (generation & 1);
        buffer.putLong(at + SharedLayout.TABLE_EPOCH_OFF, epoch);
        buffer.putInt(at + SharedLayout.TABLE_FIRST_OFF, first);
        buffer.putInt(at + SharedLayout.TABLE_CAN_WAIT_OFF, canWait ? 1 : 0);
        for (int i = 0; i < SharedLayout.POOL_SLOTS; i++) {
            buffer.putInt(at + SharedLayout.TABLE_SLOTS_OFF + 4 * i, i < slots.length ? slots[i] : -1);
        }
    }

    /** Describes handle {@code h}; only for a handle no published table names. */
    void writeVariation(int h, long samples, int[] frames, int octaves, int rate, long index, long epoch) {
        int at = SharedLayout.VARIATIONS_OFF + SharedLayout.VARIATION_SIZE * h;
        buffer.putLong(at + SharedLayout.VARIATION_ADDRESS_OFF, samples);
        for (int k = 0; k < SharedLayout.VARIATION_OCTAVES; k++) {
            buffer.putInt(at + SharedLayout.VARIATION_FRAMES_OFF + 4 * k, k < octaves ? frames[k] : 0);
        }
        buffer.putInt(at + SharedLayout.VARIATION_OCTAVES_OFF, octaves);
        buffer.putInt(at + SharedLayout.VARIATION_RATE_OFF, rate);
        buffer.putLong(at + SharedLayout.VARIATION_INDEX_OFF, index);
        buffer.putLong(at + SharedLayout.VARIATION_EPOCH_OFF, epoch);
        INTS.setRelease(buffer, SharedLayout.PLAYED_OFF + 4 * h, 0);
    }

    /** Forgets handle {@code h}'s memory: only once no table names it and no voice plays it. */
    void clearVariation(int h) {
        buffer.putLong(SharedLayout.VARIATIONS_OFF + SharedLayout.VARIATION_SIZE * h + SharedLayout.VARIATION_ADDRESS_OFF, 0);
    }

    /** Voices the audio thread plays handle {@code h} with now. */
    int voicesUsing(int h) {
        return (int) INTS.getAcquire(buffer, SharedLayout.VOICES_USING_OFF + 4 * h);
    }

    /** Whether a note took handle {@code h} since it was described. */
    boolean played(int h) {
        return (int) INTS.getAcquire(buffer, SharedLayout.PLAYED_OFF + 4 * h) != 0;
    }

    /** How many note-ons took a variation since rendering started; read before {@link #lastPlayed}. */
    long notesPlayed() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.NOTES_PLAYED_OFF);
    }

    /** The handle the newest note took; -1 before the first. */
    int lastPlayed() {
        return (int) INTS.getAcquire(buffer, SharedLayout.LAST_PLAYED_OFF);
    }

    /** Tells offline waits whether a publisher runs (otherwise no variation can come). */
    void setJavaAlive(boolean alive) {
        INTS.setRelease(buffer, SharedLayout.JAVA_ALIVE_OFF, alive ? 1 : 0);
    }

    // ----- statistics (any thread) -----

    long blocks() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.BLOCKS_OFF);
    }

    long notesWithoutSound() {
        return (long) LONGS.getAcquire(buffer, SharedLayout.NOTES_WITHOUT_SOUND_OFF);
    }
}
