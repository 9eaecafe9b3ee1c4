package org.sda.ui.app;

import java.util.concurrent.atomic.AtomicLong;
import javax.swing.SwingUtilities;

/**
 * Measures how long the EDT is kept from running new work: every 10 ms it posts a no-op and notes
 * how late it ran. The longest delay is reported by the tests (not asserted: wall-clock on a shared
 * CI machine says little), for the app's responsiveness while training.
 */
final class EdtWatchdog implements AutoCloseable {

    private final AtomicLong worstNanos = new AtomicLong();
    private final AtomicLong over100 = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong worstOversleepNanos = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    EdtWatchdog() {
        thread = new Thread(() -> {
            while (running) {
                long posted = System.nanoTime();
                try {
                    SwingUtilities.invokeAndWait(() -> {
                        long delay = System.nanoTime() - posted;
                        samples.incrementAndGet();
                        worstNanos.accumulateAndGet(delay, Math::max);
                        if (delay > 100_000_000L) {
                            over100.incrementAndGet();
                        }
                    });
                    long before = System.nanoTime();
                    Thread.sleep(10);
                    // The same lateness on this plain thread means the machine, not the EDT, was busy.
                    worstOversleepNanos.accumulateAndGet(System.nanoTime() - before - 10_000_000L, Math::max);
                } catch (InterruptedException e) {
                    return;
                } catch (java.lang.reflect.InvocationTargetException e) {
                    return;
                }
            }
        }, "edt-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    double worstMillis() {
        return worstNanos.get() / 1e6;
    }

    /** The worst lateness of this thread's own 10 ms sleeps: how starved of CPU the whole process was. */
    double worstOversleepMillis() {
        return worstOversleepNanos.get() / 1e6;
    }

    long blocksOver100ms() {
        return over100.get();
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
