package org.diffusionlab.engine;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Configures ND4J's native thread pools from code, so that it works from a packaged launcher too (where no
 * OMP_NUM_THREADS can be set). On two cores, one OpenMP thread is several times faster for our small matrices than
 * ND4J's default (see `bench`): the threads spin and fight for the cores instead of sharing work.
 */
public final class NativeRuntime {

    /** The thread count the app and CLI use unless told otherwise. */
    public static final int DEFAULT_THREADS = 1;

    private static volatile int configuredThreads = -1;

    private NativeRuntime() {
    }

    /** Sets ND4J's OpenMP and OpenBLAS thread counts (idempotent; cheap after the first call). */
    public static synchronized void configure(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Thread count must be at least 1, got " + threads);
        }
        if (configuredThreads == threads) {
            return;
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        openblas.blas_set_num_threads(threads);
        configuredThreads = threads;
    }

    /** Configures the default thread count, unless {@code diffusionlab.threads} names another. */
    public static void configureDefault() {
        configure(Integer.getInteger("diffusionlab.threads", DEFAULT_THREADS));
    }

    /** The OpenMP thread count ND4J reports now. */
    public static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
