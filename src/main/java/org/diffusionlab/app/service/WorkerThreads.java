package org.diffusionlab.app.service;

/**
 * Waits, at exit, for the app's own worker threads to end. The JVM would otherwise unload ND4J's native library while
 * a daemon worker is still inside a native call, which crashes the process on its way out (a SIGSEGV in libnd4jcpu
 * and an hs_err file left behind, seen once when the window closed during training).
 */
public final class WorkerThreads {

    /** Every worker thread of the app is named with this prefix. */
    public static final String PREFIX = "diffusionlab-";

    private WorkerThreads() {
    }

    /**
     * Joins every live thread whose name starts with {@code prefix} (other than the caller) until all have ended or
     * {@code millis} have passed; true when all ended. Call after the workers were told to stop.
     */
    public static boolean awaitEnd(String prefix, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || !t.getName().startsWith(prefix)) {
                continue;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return !anyAlive(prefix);
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !anyAlive(prefix);
    }

    private static boolean anyAlive(String prefix) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && t.isAlive() && t.getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
