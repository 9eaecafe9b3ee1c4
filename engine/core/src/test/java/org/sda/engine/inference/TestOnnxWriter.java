package org.sda.engine.inference;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal writer of ONNX models for tests: just enough of the protobuf wire format (varints and
 * length-delimited fields) and of {@code onnx.proto}'s messages (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto) to build small graphs by hand, so the
 * engine's ONNX Runtime code can be tested without the trainer. Field numbers are those of
 * {@code onnx.proto}; repeated scalars are written unpacked, which every protobuf parser accepts.
 *
 * <p>Usage: add inputs, outputs, initializers and nodes, then {@link #toBytes()}.
 */
final class TestOnnxWriter {

    static final int FLOAT = 1;
    static final int INT64 = 7;

    private static final long IR_VERSION = 8;
    private static final long OPSET = 17;

    private final String name;
    private final List<Message> nodes = new ArrayList<>();
    private final List<Message> initializers = new ArrayList<>();
    private final List<Message> inputs = new ArrayList<>();
    private final List<Message> outputs = new ArrayList<>();
    private int nodeCount;

    TestOnnxWriter(String name) {
        this.name = name;
    }

    /** A graph input; each dimension is an Integer (fixed) or a String (symbolic). */
    TestOnnxWriter input(String tensor, int elemType, Object... dims) {
        inputs.add(valueInfo(tensor, elemType, dims));
        return this;
    }

    TestOnnxWriter output(String tensor, int elemType, Object... dims) {
        outputs.add(valueInfo(tensor, elemType, dims));
        return this;
    }

    /** A float32 constant, row-major, stored as raw little-endian data. */
    TestOnnxWriter initializer(String tensor, float[] data, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            raw.putFloat(v);
        }
        initializers.add(tensor(tensor, FLOAT, raw.array(), dims));
        return this;
    }

    /** An int64 constant, row-major. */
    TestOnnxWriter initializer(String tensor, long[] data, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) {
            raw.putLong(v);
        }
        initializers.add(tensor(tensor, INT64, raw.array(), dims));
        return this;
    }

    /** A node; attributes from {@link #ints}, {@link #integer}. */
    TestOnnxWriter node(String opType, String[] in, String[] out, Message... attributes) {
        Message node = new Message();
        for (String s : in) {
            node.string(1, s);
        }
        for (String s : out) {
            node.string(2, s);
        }
        node.string(3, opType + "_" + nodeCount++);
        node.string(4, opType);
        for (Message a : attributes) {
            node.message(5, a);
        }
        nodes.add(node);
        return this;
    }

    static Message integer(String name, long value) {
        return new Message().string(1, name).varint(3, value).varint(20, 2);
    }

    static Message ints(String name, long... values) {
        Message m = new Message().string(1, name);
        for (long v : values) {
            m.varint(8, v);
        }
        return m.varint(20, 7);
    }

    static String[] names(String... names) {
        return names;
    }

    /** The serialised ModelProto. */
    byte[] toBytes() {
        Message graph = new Message();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        Message opset = new Message().string(1, "").varint(2, OPSET);
        Message model = new Message()
                .varint(1, IR_VERSION)
                .string(2, "sda-tests")
                .message(7, graph)
                .message(8, opset);
        return model.bytes();
    }

    private static Message tensor(String name, int type, byte[] raw, long... dims) {
        Message t = new Message();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private static Message valueInfo(String name, int elemType, Object... dims) {
        Message shape = new Message();
        for (Object d : dims) {
            Message dim = new Message();
            if (d instanceof Integer n) {
                dim.varint(1, n);
            } else {
                dim.string(2, d.toString());
            }
            shape.message(1, dim);
        }
        Message tensorType = new Message().varint(1, elemType).message(2, shape);
        Message type = new Message().message(1, tensorType);
        return new Message().string(1, name).message(2, type);
    }

    /** One protobuf message being written. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message bytes(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Message message(int field, Message value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
