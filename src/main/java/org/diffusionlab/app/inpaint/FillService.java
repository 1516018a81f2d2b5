package org.diffusionlab.app.inpaint;

import java.util.Objects;
import java.util.concurrent.Executor;

import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * Runs one {@link FillJob} at a time on the pane's worker thread. While it runs, the value is the newest step
 * ({@link Live}, coalesced: the UI sees the latest, never a backlog) and the progress counts steps done; when it
 * succeeds the value is {@link Done}. {@link #cancel()} is seen by the sampler before its next step, so a run stops
 * within one step.
 */
public final class FillService extends Service<FillService.Update> {

    /** What the service reports. */
    public sealed interface Update permits Live, Done {
    }

    /** The newest x_t of every fill (grey levels), while a run goes on. */
    public record Live(int t, int steps, float[][] images) implements Update {
    }

    /** The finished run. */
    public record Done(FillResult result) implements Update {
    }

    private final InpaintEngine engine;
    private FillJob job;
    /** The lowest t the sampler has produced in the current run (for tests: how far it got after a cancel). */
    private volatile int lastT = -1;

    public FillService(InpaintEngine engine, Executor worker) {
        this.engine = Objects.requireNonNull(engine);
        setExecutor(worker);
    }

    /** Starts the job (a run in progress is cancelled first). Call on the JavaFX thread. */
    public void run(FillJob next) {
        this.job = Objects.requireNonNull(next);
        restart();
    }

    /** The lowest t produced by the newest run so far (T at its start; -1 before any). */
    public int lastT() {
        return lastT;
    }

    @Override
    protected Task<Update> createTask() {
        FillJob j = job;
        return new Task<>() {
            @Override
            protected Update call() throws Exception {
                lastT = -1;
                int steps = engine.scale(j.model()).steps();
                FillResult r = engine.run(j, this::isCancelled, (t, images) -> {
                    lastT = t;
                    if (!isCancelled()) {
                        updateValue(new Live(t, steps, images));
                        updateProgress(steps - t, steps);
                    }
                });
                return new Done(r);
            }
        };
    }
}
