package org.diffusionlab.engine.binomial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionlab.data.Heartbeat;
import org.junit.jupiter.api.Test;

/** Bernoulli entropies and KLs, and the binomial forward process, against closed forms and enumeration. */
class ClosedFormTest {

    @Test
    void bernoulliEntropyAndKlMatchTheirDefinitions() {
        assertEquals(Math.log(2), Bernoulli.entropy(0.5), 1e-15);
        assertEquals(0, Bernoulli.entropy(0), 0);
        assertEquals(0, Bernoulli.entropy(1), 0);
        double p = 0.2;
        assertEquals(-(0.2 * Math.log(0.2) + 0.8 * Math.log(0.8)), Bernoulli.entropy(p), 1e-15);
        assertEquals(0.3 * Math.log(0.3 / 0.6) + 0.7 * Math.log(0.7 / 0.4), Bernoulli.kl(0.3, 0.6), 1e-15);
        assertEquals(0, Bernoulli.kl(0.37, 0.37), 1e-15);
        assertEquals(Math.log(1 / 0.25), Bernoulli.kl(1, 0.25), 1e-15, "0 log 0 = 0");
        assertEquals(Double.POSITIVE_INFINITY, Bernoulli.kl(0.5, 0));
        // KL = cross-entropy - entropy
        double q = 0.9;
        double pp = 0.35;
        assertEquals(-(q * Math.log(pp) + (1 - q) * Math.log(1 - pp)) - Bernoulli.entropy(q), Bernoulli.kl(q, pp), 1e-14);
    }

    @Test
    void perturbedKernelIsTheNormalisedProduct() {
        assertEquals(0.3, Bernoulli.multiply(0.3, 0.5), 1e-15, "d = 1/2 carries no information");
        assertEquals(1, Bernoulli.multiply(0.3, 1), 0, "d = 1 fixes the bin to 1");
        assertEquals(0, Bernoulli.multiply(0.3, 0), 0, "d = 0 fixes the bin to 0");
        assertEquals(0.3 * 0.8 / (0.3 * 0.8 + 0.7 * 0.2), Bernoulli.multiply(0.3, 0.8), 1e-15);
    }

    @Test
    void paperScheduleDestroysTheDataLinearly() {
        int steps = 2000;
        BinomialProcess p = BinomialProcess.paper(steps);
        for (int t : new int[]{1, 2, 100, 1000, 1999}) {
            assertEquals((double) (steps - t) / steps, p.abar(t), 1e-12, "abar_t = (T - t)/T at t = " + t);
        }
        assertEquals(0.5, p.marginal(steps, 1), 1e-6, "q(x_T | x_0) = B(1/2)");
        assertEquals(0.5, p.marginal(steps, 0), 1e-6);
        // entropy terms: H(B(1/2)) - H(B(beta_1 / 2)) - log 2 per bin
        assertEquals(-Bernoulli.entropy(0.5 / steps), p.entropyTermsPerBin(), 1e-9);
    }

    @Test
    void marginalsComposeStepByStep() {
        BinomialProcess p = BinomialProcess.paper(30);
        for (int x0 = 0; x0 <= 1; x0++) {
            for (int t = 1; t <= 30; t++) {
                double prev = p.marginal(t - 1, x0);
                double next = prev * p.forwardProbability(t, 1) + (1 - prev) * p.forwardProbability(t, 0);
                assertEquals(next, p.marginal(t, x0), 1e-12, "t = " + t);
            }
        }
    }

    @Test
    void posteriorIsBayesRuleAndAveragesBackToTheMarginal() {
        BinomialProcess p = BinomialProcess.paper(50);
        for (int t = 2; t <= 50; t++) {
            for (int x0 = 0; x0 <= 1; x0++) {
                double m = p.marginal(t - 1, x0);
                double avg = 0;
                for (int xt = 0; xt <= 1; xt++) {
                    double k1 = xt == 1 ? p.forwardProbability(t, 1) : 1 - p.forwardProbability(t, 1);
                    double k0 = xt == 1 ? p.forwardProbability(t, 0) : 1 - p.forwardProbability(t, 0);
                    double joint1 = m * k1;
                    double joint0 = (1 - m) * k0;
                    assertEquals(joint1 / (joint1 + joint0), p.posterior(t, xt, x0), 1e-12);
                    avg += (joint1 + joint0) * p.posterior(t, xt, x0);
                }
                assertEquals(m, avg, 1e-12, "E over x_t of the posterior is q(x_{t-1} | x_0)");
            }
        }
    }

    @Test
    void simulatedForwardChainEndsInBernoulliHalf() {
        BinomialProcess p = BinomialProcess.paper(200);
        byte[][] x0 = Heartbeat.sample(2000, 3);
        BinaryTrajectory tr = BinomialSampler.forward(p, x0, 11);
        double ones = 0;
        double onesAtHalf = 0;
        for (int r = 0; r < tr.rows(); r++) {
            for (int b = 0; b < tr.bins(); b++) {
                ones += tr.value(200, r, b);
                onesAtHalf += tr.value(100, r, b);
            }
        }
        int cells = tr.rows() * tr.bins();
        // 40,000 bins: the standard deviation of the fraction is 0.0025
        assertEquals(0.5, ones / cells, 0.01, "x_T ~ B(1/2)");
        // at t = T/2: 1/2 + (0.2 - 1/2) abar = 0.35
        assertEquals(0.35, onesAtHalf / cells, 0.01);
        assertEquals(1.0, tr.fractionHeartbeats(0), 0);
    }

    @Test
    void heartbeatFacts() {
        byte[][] all = Heartbeat.sequences();
        assertEquals(5, all.length);
        for (int k = 0; k < 5; k++) {
            int ones = 0;
            for (int i = 0; i < 20; i++) {
                ones += all[k][i];
                assertEquals(i % 5 == k ? 1 : 0, all[k][i]);
            }
            assertEquals(4, ones);
            assertEquals(k, Heartbeat.phaseOf(all[k]));
        }
        assertEquals(-1, Heartbeat.phaseOf(new byte[20]));
        assertEquals(-2.3219, Heartbeat.trueLogLikelihoodBits(), 1e-4);
        assertEquals(-14.4386, Heartbeat.nullLogLikelihoodBits(), 1e-4);
        int[] counts = new int[5];
        for (byte[] x : Heartbeat.sample(5000, 1)) {
            counts[Heartbeat.phaseOf(x)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 1000) < 150, "phases are uniform: " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void ceilingLiesBelowTheTruthAndNearThePapersFigure() {
        BinomialProcess p = BinomialProcess.paper(2000);
        BoundSample draws = BoundSample.draw(p, Heartbeat.sequences(), 8, 5);
        BoundEstimate c = draws.ceiling();
        assertTrue(c.kBits() < Heartbeat.trueLogLikelihoodBits(), "a bound never exceeds the log-likelihood: " + c.kBits());
        assertEquals(-2.39, c.kBits(), 4 * c.standardErrorBits() + 0.01, "the issue's reference figure");
        assertTrue(c.kBits() > Heartbeat.PAPER_K_BITS - 4 * c.standardErrorBits(), "the paper's K is below the ceiling");
    }

    @Test
    void optimalFactorisedKernelBeatsAnUntrainedNetworkOnTheSameDraws() {
        BinomialConfig config = BinomialConfig.heartbeat().withSteps(100);
        BoundSample draws = BoundSample.draw(config.process(), config.sequences(), 4, 9);
        double ceiling = draws.ceiling().kBits();
        double untrained = draws.estimate(BinomialModel.untrained(config).network()).kBits();
        assertTrue(ceiling > untrained, ceiling + " vs " + untrained);
    }
}
