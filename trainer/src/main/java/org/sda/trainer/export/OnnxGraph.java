package org.sda.trainer.export;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import shade.com.google.protobuf.ByteString;

/**
 * A small builder for ONNX graphs with float32 initialisers, written with the generated ONNX
 * protobuf classes. Opset {@value #OPSET} (ONNX Runtime 1.21 supports it), IR version
 * {@value #IR_VERSION}. Dimension names given as strings become dynamic axes.
 */
final class OnnxGraph {

    static final int OPSET = 17;
    static final int IR_VERSION = 8;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private int counter;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A fresh intermediate value name. */
    String fresh(String hint) {
        return hint + "_" + (counter++);
    }

    void input(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
    }

    void output(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        OnnxMl.TypeProto.Tensor tensor = OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(shape).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** A float32 constant. */
    String constant(String name, float[] values, long... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(buffer.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** An int64 constant. */
    String constantLong(String name, long[] values, long... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                .setRawData(ByteString.copyFrom(buffer.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node with one output; attributes as name/value pairs (Integer, Float, long[]). */
    String node(String op, String output, String[] inputs, Object... attributes) {
        nodes(op, new String[] {output}, inputs, attributes);
        return output;
    }

    /**
     * Adds a node with several outputs (an empty name skips an optional one); an empty input name
     * leaves out an optional input.
     */
    void nodes(String op, String[] outputs, String[] inputs, Object... attributes) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(outputs[0] + "_" + op);
        for (String out : outputs) {
            n.addOutput(out);
        }
        for (String in : inputs) {
            n.addInput(in);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName((String) attributes[i]);
            Object v = attributes[i + 1];
            if (v instanceof Integer x) {
                a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(x);
            } else if (v instanceof Float x) {
                a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(x);
            } else if (v instanceof long[] xs) {
                a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
                for (long x : xs) {
                    a.addInts(x);
                }
            } else {
                throw new IllegalArgumentException("attribute type " + v.getClass());
            }
            n.addAttribute(a);
        }
        graph.addNode(n);
    }

    byte[] toBytes(String producer) {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(producer)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
        return model.toByteArray();
    }
}
