package org.diffusionlab.app.train;

import java.util.Objects;
import java.util.function.Predicate;

import org.diffusionlab.engine.train.RunFigures;

/**
 * Asks before training is thrown away: when a field that shapes the model is committed while the run has progress,
 * and when Reset is pressed. The question goes to a predicate (a dialog in the window; tests answer directly).
 */
final class ResetGuard {

    private final RunViewModel<? extends RunFigures, ?> vm;
    private Predicate<String> confirm = q -> false;
    private boolean asking;

    ResetGuard(RunViewModel<? extends RunFigures, ?> vm) {
        this.vm = vm;
    }

    void setConfirmation(Predicate<String> confirm) {
        this.confirm = Objects.requireNonNull(confirm);
    }

    /** A structural field was committed: rebuild now, or ask and then rebuild or put the run's values back. */
    void commitStructural() {
        if (asking) {
            return;
        }
        if (vm.commitForm() == RunViewModel.Change.NEEDS_CONFIRMATION) {
            asking = true;
            try {
                if (confirm.test(discardQuestion())) {
                    vm.reset();
                } else {
                    vm.revertForm();
                }
            } finally {
                asking = false;
            }
        }
    }

    /** Reset, asking first if training would be lost. */
    void askAndReset() {
        if (vm.progress().resetDisabledProperty().get()) {
            return;
        }
        if (!vm.hasProgress() || confirm.test(discardQuestion())) {
            vm.reset();
        }
    }

    /** True when nothing would be lost, or the user agreed to lose it. */
    boolean mayDiscard() {
        return !vm.hasProgress() || confirm.test(discardQuestion());
    }

    private String discardQuestion() {
        RunFigures s = vm.snapshotProperty().get();
        long it = s == null ? 0 : s.iteration();
        return String.format("These settings need a new model: the %,d iterations trained so far will be discarded. "
                + "Start a new run?", it);
    }
}
