package org.diffusionlab.engine.train;

/** Adam on a small plain array (the learned schedule's logits: T numbers are not worth an ND4J call each). */
final class ScalarAdam {

    private final double[] m;
    private final double[] v;
    private long stepCount;

    ScalarAdam(int size) {
        m = new double[size];
        v = new double[size];
    }

    void step(double[] params, double[] grad, double learningRate) {
        stepCount++;
        double size = learningRate * Math.sqrt(1 - Math.pow(0.999, stepCount)) / (1 - Math.pow(0.9, stepCount));
        for (int i = 0; i < params.length; i++) {
            m[i] = 0.9 * m[i] + 0.1 * grad[i];
            v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
            params[i] -= size * m[i] / (Math.sqrt(v[i]) + 1e-8);
        }
    }
}
