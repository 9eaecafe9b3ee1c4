package org.sda.ui.standalone;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.Library;
import com.sun.jna.Native;

import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackProcessCallback;

/**
 * A JNAJack client's life from activation to close, so that closing it never cancels one of
 * JACK's threads while that thread is in the JVM.
 *
 * <p>Why: libjack (jack2) runs a client's process callback on a thread of its own and its server
 * notifications (the shutdown callback among them) on another, and both threads are cancelled
 * <em>asynchronously</em> ({@code PTHREAD_CANCEL_ASYNCHRONOUS}): {@code jack_deactivate} cancels
 * the process thread, {@code jack_client_close} the notification thread. JNA attaches a thread to
 * the JVM when it first calls Java (JNAJack keeps the process thread attached between cycles) and
 * detaches it when it ends. A thread cancelled while it runs Java code, or while JNA detaches it,
 * takes the JVM down (a crash in {@code jni_DetachCurrentThread}). That is what happened when the
 * server stopped: the shutdown callback handed over to a thread that closed the client at once,
 * cancelling the notification thread still on its way out of the JVM.
 *
 * <p>So {@link #close} (exactly once, never on a JACK thread) first lets JACK's threads leave the
 * JVM on their own, then closes: with the server running, the process callback returns
 * {@code false} at its next cycle (JNAJack detaches the thread, JACK ends it) and close waits until
 * the thread has ended; after a shutdown, it waits until the threads that ran the shutdown callback
 * have ended and the process thread (which JACK leaves parked after the server died) is parked in
 * JACK's wait again, outside the JVM. Only then does {@code jack_client_close} cancel what is left.
 * Each wait is bounded ({@value #STOP_MILLIS} ms in all) so a hung server cannot hang the caller.
 */
final class JackClientHandle implements AutoCloseable {

    static final long STOP_MILLIS = 3000;
    /** Where Linux shows the threads of this process. */
    private static final Path TASKS = Path.of("/proc/self/task");

    /** libc: the kernel's id for the calling thread (to see when a JACK thread has ended); the C environment. */
    interface LibC extends Library {
        int gettid();

        String getenv(String name);
    }

    private static final class Tids {
        static final LibC LIBC = load();

        private static LibC load() {
            try {
                LibC c = Native.load("c", LibC.class);
                return c.gettid() > 0 && Files.isDirectory(TASKS) ? c : null;
            } catch (LinkageError | RuntimeException e) {
                return null;      // not Linux, or an old libc: close waits a fixed grace instead
            }
        }

        static int current() {
            return LIBC == null ? -1 : LIBC.gettid();
        }
    }

    private final JackClient client;
    private final String futexSuffix;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
    private final Set<Integer> callbackTids = ConcurrentHashMap.newKeySet();
    private volatile boolean active;
    private volatile boolean stopping;
    private volatile boolean inProcess;
    private volatile Thread processThread;
    private volatile int processTid = -1;

    /**
     * @param name the client's name as the server knows it (the part of its ports' full names before
     *     the colon; the server may have changed the name asked for)
     */
    JackClientHandle(JackClient client, String name) {
        this.client = client;
        // jack2 names a client's wait object (shared memory under /dev/shm) jack_sem.<uid>_<server>_<client>,
        // the server's name being JACK_DEFAULT_SERVER from the C environment, else "default".
        String server = Tids.LIBC == null ? null : Tids.LIBC.getenv("JACK_DEFAULT_SERVER");
        this.futexSuffix = "_" + (server == null ? "default" : server) + "_" + name.replace('/', '_').replace('\\', '_');
    }

    JackClient client() {
        return client;
    }

    /** Whether the server shut this client down (it stopped, or dropped the client). */
    boolean shutDown() {
        return shutDown.get();
    }

    boolean closed() {
        return closed.get();
    }

    /**
     * Sets the callbacks and activates the client. {@code process} runs on JACK's process thread
     * until {@link #close}; {@code onShutdown} runs once, on a JACK thread, if the server shuts the
     * client down: it must return at once and must not close the client itself (hand over to a
     * thread of your own).
     */
    void start(JackProcessCallback process, Runnable onShutdown) throws JackException {
        client.setProcessCallback((c, n) -> {
            if (processThread == null) {
                processTid = Tids.current();     // once: the first cycle
                processThread = Thread.currentThread();
            }
            inProcess = true;                    // before reading stopping: close sees one or the other
            try {
                return !stopping && process.process(c, n);
            } finally {
                inProcess = false;
            }
        });
        client.onShutdown(c -> {
            callbackThreads.add(Thread.currentThread());
            callbackTids.add(Tids.current());
            // jack2 may call it from its notification thread and its process thread both: report once.
            if (shutDown.compareAndSet(false, true) && !stopping) {
                onShutdown.run();
            }
        });
        client.activate();
        active = true;
    }

    /**
     * Lets JACK's threads leave the JVM, then leaves the server ({@code jack_client_close}, also
     * after the server died). Once; later calls return at once. Not on a JACK thread of this client.
     *
     * @throws IllegalStateException when called on one of this client's JACK threads
     */
    @Override
    public void close() {
        Thread me = Thread.currentThread();
        if (me == processThread || callbackThreads.contains(me)) {
            throw new IllegalStateException("a JACK client cannot be closed on one of its own JACK threads");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        if (active && !shutDown.get()) {
            // The server runs: at its next cycle the process callback returns false, JNAJack detaches
            // the thread from the JVM and JACK ends the thread itself (no cancellation).
            while (processThread == null && !shutDown.get() && before(deadline)) {
                LockSupport.parkNanos(1_000_000);
            }
            Thread t = processThread;
            if (t != null) {
                while (t.isAlive() && !shutDown.get() && before(deadline)) {
                    join(t, Math.min(deadline, System.nanoTime() + 10_000_000));
                }
                if (!t.isAlive()) {
                    awaitEnded(processTid, deadline);
                }
            }
        }
        // A cycle in flight when the server stopped.
        while (inProcess && before(deadline)) {
            LockSupport.parkNanos(1_000_000);
        }
        // The threads that ran the shutdown callback: out of the JVM and ended (the notification
        // thread ends after it; jack_client_close would otherwise cancel it on its way out).
        for (Thread t : callbackThreads) {
            join(t, deadline);
        }
        for (int tid : callbackTids) {
            awaitEnded(tid, deadline);
        }
        Thread t = processThread;
        if (active && (t == null || t.isAlive())) {
            // The process thread did not end itself (the server died, or never ran a cycle): JACK leaves it
            // waiting for a cycle that will not come, and jack_client_close cancels it. It may be attached
            // to the JVM and, until its last cycle is over, in it (the first cycle attaches it, before the
            // callback here runs): wait until it waits on this client's futex, outside the JVM.
            awaitParkedInJack(deadline);
        }
        client.close();
    }

    private static boolean before(long deadline) {
        return System.nanoTime() - deadline < 0;
    }

    private static void join(Thread t, long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return;
        }
        try {
            t.join(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the kernel thread {@code tid} has ended. A Java thread counts as ended when JNA
     * detaches it, which is before the native thread has left the JVM's code: this waits for the rest.
     */
    private static void awaitEnded(int tid, long deadline) {
        if (tid <= 0) {
            grace(deadline);
            return;
        }
        Path task = TASKS.resolve(Integer.toString(tid));
        while (Files.exists(task) && before(deadline)) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Waits until a thread of this process is blocked in a system call on this client's futex (JACK's
     * process thread waiting for its next cycle: it runs no Java code and no JVM code there), or until
     * the process thread has ended by itself.
     */
    private void awaitParkedInJack(long deadline) {
        while (before(deadline)) {
            Thread t = processThread;
            if (t != null && !t.isAlive()) {
                awaitEnded(processTid, deadline);
                return;
            }
            Boolean parked = parkedOn(futexSuffix);
            if (parked == null) {
                grace(deadline);   // the kernel does not tell (no /proc/…/syscall): a fixed grace
                return;
            }
            if (parked) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Whether a thread of this process is blocked in a system call whose first argument lies in the
     * shared memory whose file name starts with {@code jack_sem.} and ends with {@code suffix};
     * {@code null} when it cannot be told.
     */
    static Boolean parkedOn(String suffix) {
        if (Tids.LIBC == null) {
            return null;
        }
        List<long[]> ranges = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                // "start-end perms offset dev inode path", the path ending " (deleted)" once the server removed it
                String path = line.endsWith(" (deleted)") ? line.substring(0, line.length() - 10) : line;
                int slash = path.lastIndexOf('/');
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (slash < 0 || dash < 0 || space < dash) {
                    continue;
                }
                String file = path.substring(slash + 1);
                if (file.startsWith("jack_sem.") && file.endsWith(suffix)) {
                    ranges.add(new long[] {Long.parseUnsignedLong(line.substring(0, dash), 16),
                            Long.parseUnsignedLong(line.substring(dash + 1, space), 16)});
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (ranges.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String syscall;
                try {
                    syscall = Files.readString(task.resolve("syscall")).trim();
                } catch (IOException e) {
                    continue;                      // the thread ended meanwhile
                }
                // "<nr> <arg1> …" while blocked in a system call; "running" or "-1 …" otherwise.
                String[] f = syscall.split(" ");
                if (f.length < 2 || f[0].isEmpty() || !f[0].chars().allMatch(Character::isDigit) || !f[1].startsWith("0x")) {
                    continue;
                }
                long address = Long.parseUnsignedLong(f[1].substring(2), 16);
                for (long[] r : ranges) {
                    if (Long.compareUnsigned(address, r[0]) >= 0 && Long.compareUnsigned(address, r[1]) < 0) {
                        return true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return false;
    }

    private static void grace(long deadline) {
        long left = deadline - System.nanoTime();
        LockSupport.parkNanos(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))));
    }
}
