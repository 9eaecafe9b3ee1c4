package org.sda.engine.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX graph loaded into ONNX Runtime through DJL's {@code OnnxRuntime} engine, with one
 * float32 input. The graph's bytes are handed to ONNX Runtime from memory; nothing is extracted
 * to disk.
 *
 * <p>Threading: {@link #run} may be called from several threads at once (ONNX Runtime sessions
 * allow concurrent runs, and each call works in its own DJL sub-manager); {@link #close} must not
 * race with a run.
 */
final class OrtGraph implements AutoCloseable {

    static final String ENGINE = "OnnxRuntime";

    /** One output tensor, copied to the Java heap. Exactly one of the arrays is non-null. */
    record Output(long[] shape, float[] floats, long[] longs) {
        String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private static final Map<String, String> SINGLE_THREADED =
            Map.of("intraOpNumThreads", "1", "interOpNumThreads", "1");

    private final String entry;
    private final Model model;
    private final Block block;
    private final List<String> inputNames;

    private OrtGraph(String entry, Model model) {
        this.entry = entry;
        this.model = model;
        this.block = model.getBlock();
        List<String> names = new ArrayList<>();
        for (Pair<String, Shape> input : block.describeInput()) {
            names.add(input.getKey());
        }
        this.inputNames = List.copyOf(names);
    }

    /**
     * Creates an ONNX Runtime session for {@code onnx} on {@code device}.
     *
     * @throws MalformedModelException if ONNX Runtime refuses the graph, or the device's execution
     *     provider cannot be used
     */
    static OrtGraph load(String entry, byte[] onnx, Device device) throws MalformedModelException, IOException {
        Model model = Model.newInstance(entry, device, ENGINE);
        try {
            // On the CPU each session runs on the calling thread alone: the engine parallelises
            // across chunks and variations itself, and ONNX Runtime's own pool of spinning
            // threads per session, on top of those workers, oversubscribed the cores (and would
            // take cores from a DAW's audio thread). DJL adds the CUDA execution provider for a
            // GPU device when given an options map.
            model.load(new ByteArrayInputStream(onnx), device.isGpu() ? Map.of() : SINGLE_THREADED);
            deleteEmptyFolder(model.getModelPath());
            return new OrtGraph(entry, model);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** DJL makes an empty scratch folder when loading from a stream; it is never used. */
    private static void deleteEmptyFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(folder);
        } catch (IOException | SecurityException ignored) {
            // Not empty or not ours to delete: DJL also marks it for deletion at exit.
        }
    }

    String entry() {
        return entry;
    }

    List<String> inputNames() {
        return inputNames;
    }

    /**
     * Runs the graph on one float32 tensor.
     *
     * @param flat the input, row-major over {@code shape}
     * @return every output by name
     * @throws InferenceException if ONNX Runtime fails
     */
    Map<String, Output> run(String inputName, float[] flat, long... shape) {
        try (NDManager call = model.getNDManager().newSubManager()) {
            NDArray input = call.create(flat, new Shape(shape));
            input.setName(inputName);
            NDList outputs = block.forward(new ParameterStore(call, false), new NDList(input), false);
            Map<String, Output> result = new LinkedHashMap<>();
            for (NDArray out : outputs) {
                long[] outShape = out.getShape().getShape();
                if (out.getDataType() == DataType.INT64) {
                    result.put(out.getName(), new Output(outShape, null, out.toLongArray()));
                } else if (out.getDataType() == DataType.FLOAT32) {
                    result.put(out.getName(), new Output(outShape, out.toFloatArray(), null));
                } else {
                    throw new InferenceException(entry + ": output " + out.getName() + " has type "
                            + out.getDataType() + ", expected float32 or int64");
                }
            }
            return result;
        } catch (EngineException | IllegalArgumentException e) {
            throw new InferenceException(entry + " failed in ONNX Runtime: " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message.strip();
    }

    @Override
    public void close() {
        model.close();
    }
}
