package org.diffusionlab.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.diffusionlab.engine.model.FlatParameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network's weights in a model file, the same for every kind: {@code layout.csv} (header
 * {@code name,shape,offset,length}, one row per tensor in {@link FlatParameters} order, shapes as dimensions joined
 * by {@code x}) and {@code parameters.bin} (float32 little-endian in layout order, nothing before or after), with
 * the manifest's {@code network.parameterCount} and {@code network.dataType=float32}.
 *
 * <p>On reading, the layout must be the one the running version builds for the model's settings, the count and the
 * byte length must agree with it, and every weight must be finite and at most {@value #MAX_MAGNITUDE} in size: no
 * trained network comes near that, and a weight of 3e38 (finite) would overflow the first product it enters.
 */
public final class ParameterEntries {

    public static final String LAYOUT = "layout.csv";
    public static final String PARAMETERS = "parameters.bin";
    public static final String LAYOUT_HEADER = "name,shape,offset,length";
    public static final String DATA_TYPE = "float32";
    /** The largest weight a file may hold. */
    public static final double MAX_MAGNITUDE = 1e15;

    private ParameterEntries() {
    }

    /** The layout text of these tensors. */
    public static String layoutCsv(List<FlatParameters.Slot> slots) {
        StringBuilder s = new StringBuilder(LAYOUT_HEADER).append('\n');
        for (FlatParameters.Slot slot : slots) {
            StringBuilder shape = new StringBuilder();
            for (long d : slot.shape()) {
                if (!shape.isEmpty()) {
                    shape.append('x');
                }
                shape.append(d);
            }
            s.append(slot.name()).append(',').append(shape).append(',').append(slot.offset()).append(',')
                    .append(slot.length()).append('\n');
        }
        return s.toString();
    }

    /** Puts the parameter count and data type into the manifest. */
    public static void describe(ManifestWriter manifest, FlatParameters params) {
        manifest.put("network.parameterCount", params.size());
        manifest.put("network.dataType", DATA_TYPE);
    }

    /** The layout entry's bytes. */
    public static byte[] layout(FlatParameters params) {
        return layoutCsv(params.slots()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The weights entry's bytes.
     *
     * @throws IllegalArgumentException if a weight is not finite (such a network cannot be saved)
     */
    public static byte[] weights(FlatParameters params) {
        float[] values = params.flat().castTo(DataType.FLOAT).toFloatVector();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("Cannot save a model with a non-finite parameter (parameter " + i
                        + " is " + values[i] + ")");
            }
        }
        ByteBuffer bin = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bin.asFloatBuffer().put(values);
        return bin.array();
    }

    /**
     * Checks the stored layout, count and weights against {@code expected} (the layout the model's settings imply,
     * described by {@code where}, e.g. "architecture 'paper' with T = 40") and fills it with the weights.
     */
    public static void readInto(ModelArchive.Contents file, FlatParameters expected, String where)
            throws ModelFileException {
        Objects.requireNonNull(expected, "expected");
        String dataType = file.manifest().optional("network.dataType").map(String::trim).orElse(DATA_TYPE);
        if (!dataType.equals(DATA_TYPE)) {
            throw file.fail("its parameters are stored as '" + dataType + "'; this version reads only " + DATA_TYPE);
        }
        checkLayout(file, where, expected);
        long count = file.manifest().whole("network.parameterCount");
        if (count != expected.size()) {
            throw file.fail("its manifest says the network has " + count + " parameters, but " + where + " has "
                    + expected.size() + " (the file is corrupt or from an incompatible version)");
        }
        byte[] bin = file.entry(PARAMETERS);
        long expectedBytes = 4 * expected.size();
        if (bin.length != expectedBytes) {
            throw file.fail("its parameter data (" + PARAMETERS + ") has " + bin.length + " bytes, expected "
                    + expectedBytes + " (4 bytes for each of " + expected.size() + " float32 parameters)");
        }
        float[] values = new float[(int) expected.size()];
        ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw file.fail("parameter " + i + " (in " + slotAt(expected, i) + ") in " + PARAMETERS + " is "
                        + values[i] + "; the file is corrupt");
            }
            if (Math.abs(values[i]) > MAX_MAGNITUDE) {
                throw file.fail("parameter " + i + " (in " + slotAt(expected, i) + ") in " + PARAMETERS + " is "
                        + values[i] + ", far beyond any trained weight (at most " + MAX_MAGNITUDE
                        + "); the file is corrupt");
            }
        }
        expected.flat().assign(Nd4j.createFromArray(values));
    }

    private static void checkLayout(ModelArchive.Contents file, String where, FlatParameters expected)
            throws ModelFileException {
        List<String> found = lines(file.text(LAYOUT));
        List<String> wanted = lines(layoutCsv(expected.slots()));
        String incompatible = " (the file was written by an incompatible version, or is corrupt)";
        if (found.isEmpty() || !found.get(0).equals(LAYOUT_HEADER)) {
            throw file.fail(LAYOUT + " does not start with the header '" + LAYOUT_HEADER + "'" + incompatible);
        }
        for (int i = 1; i < Math.max(found.size(), wanted.size()); i++) {
            String f = i < found.size() ? found.get(i) : null;
            String w = i < wanted.size() ? wanted.get(i) : null;
            if (!Objects.equals(f, w)) {
                throw file.fail("its parameter layout (" + LAYOUT + ") does not match " + where + " in this version: "
                        + "line " + (i + 1) + " is " + (f == null ? "missing" : "'" + f + "'") + ", expected "
                        + (w == null ? "no more rows" : "'" + w + "'") + incompatible);
            }
        }
    }

    private static String slotAt(FlatParameters params, long index) {
        for (FlatParameters.Slot s : params.slots()) {
            if (index >= s.offset() && index < s.offset() + s.length()) {
                return s.name();
            }
        }
        return "?";
    }

    /** The lines of a text entry: \n or \r\n ends, a final line end optional, blank lines at the end dropped. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        out.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
