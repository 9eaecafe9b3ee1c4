package org.sda.ui.editor.plugin;

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
 */
final class HostEdits implements ParameterEditor {

    static final int BEGIN = 0;
    static final int PERFORM = 1;
    static final int END = 2;
    static final int LIMIT = 4096;

    private record Edit(int kind, int id, double value) {
    }

    private final ConcurrentLinkedQueue<Edit> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

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

    private void add(Edit e) {
        queued.incrementAndGet();
        queue.add(e);
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
