package org.diffusionlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.engine.model.Activation;
import org.diffusionlab.engine.model.MlpArchitecture;
import org.diffusionlab.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The bench's arithmetic and its child-JVM helper (the full bench takes minutes and is not run here). */
class BenchCommandTest {

    @Test
    void forwardFlopsOfADenseNetwork() {
        MlpArchitecture a = new MlpArchitecture("t", MlpArchitecture.FirstLayer.DENSE, Activation.TANH,
                new int[]{64, 32}, true);
        // 2*2*64 + 2*64*32 + readout 2*32*4
        assertEquals(256 + 4096 + 256, Flops.forwardPerRow(a, 2));
    }

    @Test
    void forwardFlopsOfAnRbfNetwork() {
        MlpArchitecture a = new MlpArchitecture("t", MlpArchitecture.FirstLayer.RBF, Activation.TANH,
                new int[]{16}, false);
        // distances 2*2*16 + 16, readout 2*16*4
        assertEquals(64 + 16 + 128, Flops.forwardPerRow(a, 2));
    }

    @Test
    void trainingIsThreeForwardPassesOverBatchTimesTMinusOneRows() {
        TrainingConfig c = TrainingConfig.defaults();
        double perRow = Flops.forwardPerRow(c.mlpArchitecture(), 2);
        assertEquals(3 * perRow * c.batchSize() * (c.steps() - 1), Flops.trainingPerIteration(c, 2), 1e-6);
        assertEquals(perRow * 10_000 * (c.steps() - 1), Flops.sampling(c, 2, 10_000), 1e-6);
    }

    @Test
    void matmulSpeedIsPositive() {
        new DiffusionLabCli().configureRuntime();
        double g = BenchCommand.matmulGflops(64, 64, 64);
        assertTrue(g > 0 && Double.isFinite(g), "GFLOP/s " + g);
    }

    @Test
    void workerPrintsOneNumber() {
        CliRun r = CliRun.of("bench-worker", "--seconds", "0.3", "--warmup", "0");
        assertEquals(0, r.exitCode(), r.transcript());
        double ips = Double.parseDouble(r.out().trim());
        assertTrue(ips > 0, r.transcript());
    }

    @Test
    void benchRefusesABadBudget() {
        CliRun r = CliRun.of("bench", "--seconds-budget", "0");
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("--seconds-budget"), r.transcript());
    }
}
