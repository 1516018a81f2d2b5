package org.diffusionlab.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Named tensors laid out in one contiguous buffer. The optimiser then updates every parameter with a handful of ND4J
 * calls on the flat array instead of a handful per tensor (ND4J's per-call overhead dominates at these sizes).
 */
public final class FlatParameters {

    /** A named tensor's place in the flat buffer. */
    public record Slot(String name, long[] shape, long offset, long length) {
    }

    private final DataType dataType;
    private final Map<String, Slot> slots;
    private final INDArray flat;
    private final Map<String, INDArray> views = new LinkedHashMap<>();

    private FlatParameters(DataType dataType, Map<String, Slot> slots, INDArray flat) {
        this.dataType = dataType;
        this.slots = slots;
        this.flat = flat;
        for (Slot s : slots.values()) {
            INDArray row = flat.get(NDArrayIndex.interval(s.offset, s.offset + s.length));
            views.put(s.name, row.reshape('c', s.shape));
        }
    }

    /** Builds the layout; every tensor starts at zero. */
    public static final class Builder {
        private final Map<String, Slot> slots = new LinkedHashMap<>();
        private long size;

        public Builder add(String name, long... shape) {
            long length = 1;
            for (long d : shape) {
                length *= d;
            }
            if (slots.containsKey(name)) {
                throw new IllegalArgumentException("Duplicate parameter " + name);
            }
            slots.put(name, new Slot(name, shape.clone(), size, length));
            size += length;
            return this;
        }

        public FlatParameters build(DataType dataType) {
            INDArray flat = Nd4j.zeros(dataType, size);
            return new FlatParameters(dataType, Collections.unmodifiableMap(new LinkedHashMap<>(slots)), flat);
        }
    }

    /** A zeroed buffer of the same layout (for gradients and optimiser state). */
    public FlatParameters zerosLike() {
        return new FlatParameters(dataType, slots, Nd4j.zeros(dataType, flat.length()));
    }

    /** A deep copy. */
    public FlatParameters copy() {
        return new FlatParameters(dataType, slots, flat.dup());
    }

    /** A deep copy in another floating-point type. */
    public FlatParameters castTo(DataType type) {
        return new FlatParameters(type, slots, flat.castTo(type).dup());
    }

    /** The view of a named tensor (writes go to the flat buffer). */
    public INDArray get(String name) {
        INDArray v = views.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No parameter named " + name);
        }
        return v;
    }

    /**
     * The view of {@code count} consecutive leading-index slices of a tensor, starting at {@code first}
     * (e.g. the readouts of a range of time steps). Built from the flat buffer directly: ND4J's interval indexing on
     * a reshaped view can return a wrong array.
     */
    public INDArray leadingSlices(String name, int first, int count) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new IllegalArgumentException("No parameter named " + name);
        }
        if (first < 0 || count < 1 || first + count > s.shape[0]) {
            throw new IllegalArgumentException("Slices " + first + "+" + count + " outside " + name + "[0.." + s.shape[0] + ")");
        }
        long per = s.length / s.shape[0];
        long[] shape = s.shape.clone();
        shape[0] = count;
        long start = s.offset + first * per;
        return flat.get(NDArrayIndex.interval(start, start + count * per)).reshape('c', shape);
    }

    public boolean has(String name) {
        return views.containsKey(name);
    }

    public INDArray flat() {
        return flat;
    }

    public DataType dataType() {
        return dataType;
    }

    public List<Slot> slots() {
        return new ArrayList<>(slots.values());
    }

    public long size() {
        return flat.length();
    }

    /** The values as doubles, in layout order (a copy safe to hand to another thread). */
    public double[] toDoubleArray() {
        return flat.toDoubleVector();
    }

    /** Overwrites all values, in layout order. */
    public void setFrom(double[] values) {
        if (values.length != flat.length()) {
            throw new IllegalArgumentException("Expected " + flat.length() + " values, got " + values.length);
        }
        flat.assign(Nd4j.createFromArray(values).castTo(dataType));
    }
}
