package org.diffusionlab.app.service;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.diffusionlab.engine.NativeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background computation whose newest request is the only one that matters (samples of the current model, its
 * log-likelihood): a request given while one runs replaces any request still waiting, and runs when the current one
 * ends. Results reach {@code onResult} on the JavaFX application thread. Call {@link #submit} on that thread.
 *
 * @param <I> the request
 * @param <O> the result
 */
public final class LatestOnlyService<I, O> extends Service<O> {

    private static final Logger LOG = LoggerFactory.getLogger(LatestOnlyService.class);

    private final String name;
    private final Function<I, O> work;
    private final Consumer<O> onResult;
    private I running;
    private I waiting;
    private boolean closed;

    public LatestOnlyService(String name, Executor executor, Function<I, O> work, Consumer<O> onResult) {
        this.name = Objects.requireNonNull(name);
        this.work = Objects.requireNonNull(work);
        this.onResult = Objects.requireNonNull(onResult);
        setExecutor(executor);
        setOnSucceeded(e -> {
            O value = getValue();
            done();
            if (value != null) {
                onResult.accept(value);
            }
        });
        setOnFailed(e -> {
            LOG.warn("{} failed", name, getException());
            done();
        });
        // No onCancelled: restart() marks the finished previous task CANCELLED, which must not count as an end.
    }

    /** Runs {@code request} now, or as soon as the current request ends (replacing any request still waiting). */
    public void submit(I request) {
        Objects.requireNonNull(request);
        if (closed) {
            return;
        }
        if (running != null) {
            waiting = request;
            return;
        }
        running = request;
        restart();
    }

    /** Drops a waiting request (the running one finishes, its result is still delivered). */
    public void clearWaiting() {
        waiting = null;
    }

    /** No more requests; a waiting one is dropped. */
    public void close() {
        closed = true;
        waiting = null;
    }

    /** True while a request runs or waits. */
    public boolean isBusy() {
        return running != null || waiting != null;
    }

    private void done() {
        running = null;
        I next = waiting;
        waiting = null;
        if (next != null && !closed) {
            submit(next);
        }
    }

    @Override
    protected Task<O> createTask() {
        I request = running;
        return new Task<>() {
            @Override
            protected O call() {
                NativeRuntime.configureDefault();
                return work.apply(request);
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
