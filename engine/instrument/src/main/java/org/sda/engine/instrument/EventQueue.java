package org.sda.engine.instrument;

/**
 * The events of the next block (notes, parameter changes) kept in sample-offset order, in
 * preallocated parallel arrays. Render thread only: filled by the event methods between two
 * render calls, drained by the next render. Events at one offset keep their arrival order.
 * When full, further events are dropped and counted, never allocated for.
 */
final class EventQueue {

    static final int NOTE_ON = 1;
    static final int NOTE_OFF = 2;
    static final int PARAMETER = 3;
    static final int ALL_NOTES_OFF = 4;

    private final int[] type;
    private final int[] offset;
    private final int[] target; // key or parameter id
    private final double[] value; // velocity or normalized value
    private int size;
    private long dropped;

    EventQueue(int capacity) {
        type = new int[capacity];
        offset = new int[capacity];
        target = new int[capacity];
        value = new double[capacity];
    }

    /** Inserts after every event at the same or an earlier offset. */
    void add(int eventType, int sampleOffset, int eventTarget, double eventValue) {
        if (size == type.length) {
            dropped++;
            return;
        }
        int at = Math.max(0, sampleOffset);
        int i = size;
        // Hosts send events in order, so this loop almost never moves anything.
        while (i > 0 && offset[i - 1] > at) {
            type[i] = type[i - 1];
            offset[i] = offset[i - 1];
            target[i] = target[i - 1];
            value[i] = value[i - 1];
            i--;
        }
        type[i] = eventType;
        offset[i] = at;
        target[i] = eventTarget;
        value[i] = eventValue;
        size++;
    }

    int size() {
        return size;
    }

    int type(int i) {
        return type[i];
    }

    int offset(int i) {
        return offset[i];
    }

    int target(int i) {
        return target[i];
    }

    double value(int i) {
        return value[i];
    }

    void clear() {
        size = 0;
    }

    /** Events lost to a full queue since creation. */
    long dropped() {
        return dropped;
    }
}
