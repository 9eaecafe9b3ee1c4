package org.sda.ui.app.generate;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/** Test helpers: run on the EDT and wait, and wait for a condition checked on the EDT. */
public final class Edt {

    private Edt() {}

    public static <T> T call(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(task.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    public static void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Waits until {@code condition} (checked on the EDT) holds, failing after {@code seconds}. */
    public static void await(String what, double seconds, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!Boolean.TRUE.equals(call(condition))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
