package org.diffusionlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam or RMSProp on one flat parameter buffer (a few ND4J calls per step in all). The learning rate may change
 * between steps without losing the optimiser's state.
 */
public final class Optimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double RMS_DECAY = 0.9;
    private static final double EPSILON = 1e-8;

    private final OptimizerKind kind;
    private final INDArray firstMoment;
    private final INDArray secondMoment;
    private long stepCount;

    public Optimizer(OptimizerKind kind, INDArray like) {
        this.kind = kind;
        this.firstMoment = like.like().assign(0);
        this.secondMoment = like.like().assign(0);
    }

    public OptimizerKind kind() {
        return kind;
    }

    /** Moves {@code params} against {@code grad} (a descent step). */
    public void step(INDArray params, INDArray grad, double learningRate) {
        stepCount++;
        if (kind == OptimizerKind.ADAM) {
            firstMoment.muli(BETA1).addi(grad.mul(1 - BETA1));
            secondMoment.muli(BETA2).addi(grad.mul(grad).muli(1 - BETA2));
            double size = learningRate * Math.sqrt(1 - Math.pow(BETA2, stepCount)) / (1 - Math.pow(BETA1, stepCount));
            params.subi(firstMoment.div(Transforms.sqrt(secondMoment, true).addi(EPSILON)).muli(size));
        } else {
            secondMoment.muli(RMS_DECAY).addi(grad.mul(grad).muli(1 - RMS_DECAY));
            params.subi(grad.div(Transforms.sqrt(secondMoment, true).addi(EPSILON)).muli(learningRate));
        }
    }
}
