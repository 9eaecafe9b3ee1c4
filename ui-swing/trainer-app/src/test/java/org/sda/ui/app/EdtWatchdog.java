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
                    Thread.sleep(10);
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
