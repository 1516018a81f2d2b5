package org.diffusionlab.engine.binomial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffusionlab.data.Heartbeat;
import org.diffusionlab.engine.NativeRuntime;
import org.diffusionlab.engine.train.Budget;
import org.diffusionlab.engine.train.TrainingControl;
import org.diffusionlab.engine.train.TrainingStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short heartbeat run (T = 200 to keep the test quick; the paper's 2000 trains at the same speed per iteration but
 * samples ten times slower): it improves K, and its samples are mostly true heartbeats.
 */
class BinomialTrainerTest {

    static BinomialConfig config = BinomialConfig.heartbeat().withSteps(200);
    static BinomialTrainer trainer;
    static BoundEstimate before;
    static BinomialSnapshot last;
    static final List<BinomialSnapshot> snapshots = new ArrayList<>();

    @BeforeAll
    static void trainBriefly() throws InterruptedException {
        NativeRuntime.configure(1);     // as the app and CLI do: two OpenMP threads spin against each other on 2 cores
        trainer = new BinomialTrainer(config);
        before = trainer.evaluateHoldout();
        trainer.setAnnealing(true);
        last = trainer.run(Budget.iterations(1000), new TrainingControl(), 2000, snapshots::add);
    }

    @Test
    void shortTrainingImprovesTheBoundPastLNull() {
        assertEquals(TrainingStatus.FINISHED, last.status());
        assertEquals(1000, last.iteration());
        double after = last.holdoutKBits();
        assertTrue(after > before.kBits() + 10, "K " + before.kBits() + " -> " + after);
        assertTrue(after > Heartbeat.nullLogLikelihoodBits() + 10, "K - L_null = " + (after - Heartbeat.nullLogLikelihoodBits()));
        assertTrue(after < Heartbeat.trueLogLikelihoodBits() + 4 * last.holdout().standardErrorBits(),
                "a bound cannot beat the true log-likelihood: " + after);
    }

    @Test
    void snapshotsAreImmutableAndRebuildTheSameModel() {
        assertTrue(!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1) == last, "the last snapshot is the result");
        assertEquals(last.history().size(), snapshots.size(), "one history point per snapshot");
        double[] p = last.parameters();
        p[0] += 1;
        assertTrue(last.parameters()[0] != p[0], "the snapshot hands out copies");
        BinomialModel rebuilt = last.toModel();
        assertArrayEquals(trainer.model().network().parameters().toDoubleArray(),
                rebuilt.network().parameters().toDoubleArray(), 0);
    }

    @Test
    void samplesAreMostlyTrueHeartbeats() {
        BinaryTrajectory tr = BinomialSampler.reverse(trainer.model(), 300, 4, null, true);
        assertTrue(tr.fractionHeartbeats(0) > 0.8, "fraction true: " + tr.fractionHeartbeats(0));
        assertTrue(tr.fractionHeartbeats(config.steps()) < 0.05, "x_T is noise");
        assertTrue(tr.hasFrame(100), "every frame is kept");
    }

    @Test
    void fixingBinsConditionsTheSamples() {
        int[] fixed = new int[Heartbeat.LENGTH];
        java.util.Arrays.fill(fixed, -1);
        fixed[2] = 1;                      // a beat in bin 2: only phase 2 agrees
        Conditioning one = Conditioning.fixed(fixed);
        BinaryTrajectory a = BinomialSampler.reverse(trainer.model(), 300, 8, one, false);
        fixed[7] = 1;
        fixed[3] = 0;
        Conditioning three = Conditioning.fixed(fixed);
        BinaryTrajectory b = BinomialSampler.reverse(trainer.model(), 300, 8, three, false);
        for (int row = 0; row < 300; row++) {
            assertEquals(1, a.value(0, row, 2), "a fixed bin keeps its value");
            assertEquals(1, b.value(0, row, 7));
            assertEquals(0, b.value(0, row, 3));
        }
        // unconditioned, 1 in 5 samples is the phase-2 heartbeat; the more bins are fixed, the more follow them
        double oneBin = a.fractionAdmitted(0, one);
        double threeBins = b.fractionAdmitted(0, three);
        assertTrue(oneBin > 0.3, "one bin fixed: " + oneBin);
        assertTrue(threeBins > oneBin + 0.1, "three bins fixed: " + threeBins + ", one: " + oneBin);
        assertTrue(!a.hasFrame(100), "only the ends are kept");
    }
}
