package org.sda.ui.editor.plugin;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.sda.ui.editor.ParameterEditor;

/**
 * The panel's edits on their way to a plugin host: queued on Swing's event thread, taken by the
 * shim on the host's UI thread (its run-loop timer), which calls the host's
 * {@code IComponentHandler} there. Nothing here calls the host.
 *
 * <p>A host that never takes them (no run loop) cannot make the queue grow without bound: past
 * {@link #LIMIT} queued edits, further value changes are dropped (a gesture's begin and end are
 * kept, so the host still sees whole gestures).
 *
 * <p>The shim looks at a flag before it calls into Java: {@code signal} (a direct buffer over an
 * int of the shim's) becomes 1 after each edit is queued, so an idle editor costs the host's timer
 * one memory read, not a JNI call.
 */
final class HostEdits implements ParameterEditor {

    static final int BEGIN = 0;
    static final int PERFORM = 1;
    static final int END = 2;
    static final int RESTORED = 3;
    static final int LIMIT = 4096;

    private record Edit(int kind, int id, double value) {
    }

    private static final VarHandle FLAG = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ConcurrentLinkedQueue<Edit> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile ByteBuffer signal;

    /** @param signal the shim's "edits are queued" flag (4 bytes), or {@code null} for none */
    HostEdits(ByteBuffer signal) {
        this.signal = signal;
    }

    @Override
    public void beginEdit(int id) {
        add(new Edit(BEGIN, id, 0));
    }

    @Override
    public void performEdit(int id, double normalized) {
        if (queued.get() < LIMIT) {
            add(new Edit(PERFORM, id, normalized));
        }
    }

    @Override
    public void endEdit(int id) {
        add(new Edit(END, id, 0));
    }

    @Override
    public void stateRestored() {
        add(new Edit(RESTORED, 0, 0));
    }

    private void add(Edit e) {
        queued.incrementAndGet();
        queue.add(e);
        ByteBuffer flag = signal;
        if (flag != null) {
            FLAG.setVolatile(flag, 0, 1);      // after the edit is in the queue: the shim clears, then takes
        }
    }

    /** Event thread, when the editor closes: the shim's flag is about to be freed; never touch it again. */
    void forgetSignal() {
        signal = null;
    }

    /**
     * Any thread (the host's UI thread): moves up to {@code into.length / 3} edits, oldest first,
     * into {@code into} as (kind, id, value) triples; returns how many.
     */
    int takeInto(double[] into) {
        int n = 0;
        Edit e;
        while (3 * n + 2 < into.length && (e = queue.poll()) != null) {
            queued.decrementAndGet();
            into[3 * n] = e.kind();
            into[3 * n + 1] = e.id();
            into[3 * n + 2] = e.value();
            n++;
        }
        return n;
    }
}
