package org.diffusionlab.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Hidden-unit non-linearities with the derivative each needs for back-propagation. */
public enum Activation {
    TANH {
        @Override
        INDArray apply(INDArray pre) {
            return Transforms.tanh(pre, true);
        }

        @Override
        INDArray derivative(INDArray pre, INDArray out) {
            return out.mul(out).rsubi(1.0);
        }
    },
    SOFTPLUS {
        @Override
        INDArray apply(INDArray pre) {
            return Transforms.softPlus(pre, true);
        }

        @Override
        INDArray derivative(INDArray pre, INDArray out) {
            return Transforms.sigmoid(pre, true);
        }
    },
    LEAKY_RELU {
        @Override
        INDArray apply(INDArray pre) {
            return Transforms.leakyRelu(pre, 0.01, true);
        }

        @Override
        INDArray derivative(INDArray pre, INDArray out) {
            return Transforms.leakyReluDerivative(pre, 0.01, true);
        }
    };

    /** The activation of the pre-activations, as a new array. */
    abstract INDArray apply(INDArray pre);

    /** d out / d pre, element-wise, as a new array. */
    abstract INDArray derivative(INDArray pre, INDArray out);
}
