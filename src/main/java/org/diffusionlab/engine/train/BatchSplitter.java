package org.diffusionlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.diffusionlab.engine.Workspaces;
import org.diffusionlab.engine.gaussian.GaussianBound;
import org.diffusionlab.engine.model.DiffusionMlp;
import org.diffusionlab.engine.model.FlatParameters;
import org.diffusionlab.engine.schedule.BetaSchedule;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Computes a batch's bound and gradient on several threads, each on its share of the points, and combines them as the
 * one-thread computation would (means weighted by the share's size). ND4J runs one native thread per call here
 * ({@link org.diffusionlab.engine.NativeRuntime}), so splitting the batch is how one training run uses a second core:
 * measured on two cores for the paper preset, see the README's "Reproducing the paper".
 *
 * <p>The calling thread computes the first share itself; the others go to a shared pool of daemon threads. Each
 * thread works in its own ND4J workspace and writes its gradient into its own {@link FlatParameters}.
 */
final class BatchSplitter {

    /** The fewest points a share may have; smaller batches are split into fewer shares. */
    static final int MIN_SHARE = 16;
    static final int MAX_THREADS = 16;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "diffusionlab-gradient-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final FlatParameters template;
    private final List<FlatParameters> shareGradients = new ArrayList<>();
    private volatile int threads = 1;

    BatchSplitter(FlatParameters template) {
        this.template = template;
    }

    void setThreads(int count) {
        if (count < 1 || count > MAX_THREADS) {
            throw new IllegalArgumentException("Gradient threads must be between 1 and " + MAX_THREADS + ", got " + count);
        }
        this.threads = count;
    }

    int threads() {
        return threads;
    }

    /** As {@link GaussianBound#evaluateWithGradient}, over up to {@link #threads()} shares of the batch. */
    GaussianBound.Result evaluateWithGradient(DiffusionMlp net, BetaSchedule s, INDArray x0, INDArray noise,
                                              FlatParameters grad) {
        int batch = (int) x0.size(0);
        int shares = Math.max(1, Math.min(threads, batch / MIN_SHARE));
        if (shares == 1) {
            return GaussianBound.evaluateWithGradient(net, s, x0, noise, grad);
        }
        while (shareGradients.size() < shares - 1) {
            // Kept across iterations, so allocated outside the caller's workspace.
            try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                shareGradients.add(template.zerosLike());
            }
        }
        int[] from = new int[shares + 1];
        for (int i = 0; i <= shares; i++) {
            from[i] = (int) ((long) batch * i / shares);
        }
        List<Future<GaussianBound.Result>> others = new ArrayList<>();
        for (int i = 1; i < shares; i++) {
            INDArray xs = rows(x0, from[i], from[i + 1]);
            INDArray ns = noiseRows(noise, from[i], from[i + 1]);
            FlatParameters g = shareGradients.get(i - 1);
            others.add(POOL.submit(() -> {
                try (MemoryWorkspace ws = Workspaces.open("trainer-share")) {
                    return GaussianBound.evaluateWithGradient(net, s, xs, ns, g);
                }
            }));
        }
        List<GaussianBound.Result> results = new ArrayList<>();
        try {
            results.add(GaussianBound.evaluateWithGradient(net, s, rows(x0, from[0], from[1]),
                    noiseRows(noise, from[0], from[1]), grad));
        } finally {
            // The shares read arrays of the caller's workspace: never return (or throw) before every one is done.
            results.addAll(awaitAll(others));
        }
        // Each share's figures are means over its points: weight them by the share's size.
        grad.flat().muli((double) (from[1] - from[0]) / batch);
        for (int i = 1; i < shares; i++) {
            grad.flat().addi(shareGradients.get(i - 1).flat().mul((double) (from[i + 1] - from[i]) / batch));
        }
        return combine(results, from, batch);
    }

    private static GaussianBound.Result combine(List<GaussianBound.Result> results, int[] from, int batch) {
        double k = 0;
        double[] perStep = new double[results.get(0).perStepKlNats().length];
        double[] gradBeta = new double[results.get(0).lossGradBeta().length];
        for (int i = 0; i < results.size(); i++) {
            GaussianBound.Result r = results.get(i);
            double w = (double) (from[i + 1] - from[i]) / batch;
            k += w * r.kNats();
            for (int t = 0; t < perStep.length; t++) {
                perStep[t] += w * r.perStepKlNats()[t];
            }
            for (int t = 0; t < gradBeta.length; t++) {
                gradBeta[t] += w * r.lossGradBeta()[t];
            }
        }
        return new GaussianBound.Result(k, perStep, null, gradBeta);
    }

    private static INDArray rows(INDArray x0, int from, int to) {
        return x0.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    private static INDArray noiseRows(INDArray noise, int from, int to) {
        return noise.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    /** Waits for every share, even when interrupted (the interrupt is kept for the caller); rethrows a failure. */
    private static List<GaussianBound.Result> awaitAll(List<Future<GaussianBound.Result>> futures) {
        List<GaussianBound.Result> done = new ArrayList<>();
        boolean interrupted = false;
        RuntimeException failure = null;
        for (Future<GaussianBound.Result> f : futures) {
            while (true) {
                try {
                    done.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re
                                : new IllegalStateException("A gradient share failed: " + e.getCause(), e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return done;
    }
}
