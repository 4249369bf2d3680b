package dev.rqa.model.format;

import static dev.rqa.model.format.ProtobufInput.WIRE_FIXED32;
import static dev.rqa.model.format.ProtobufInput.WIRE_FIXED64;
import static dev.rqa.model.format.ProtobufInput.WIRE_LENGTH_DELIMITED;
import static dev.rqa.model.format.ProtobufInput.WIRE_VARINT;
import static dev.rqa.model.format.ProtobufInput.fieldNumber;
import static dev.rqa.model.format.ProtobufInput.wireType;

import dev.rqa.InvalidInputException;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the operator list and the floating-point initializers of an ONNX {@code ModelProto}
 * directly from the protobuf wire format (field numbers from onnx/onnx.proto, ONNX 1.x).
 *
 * <p>Floating-point tensors (FLOAT, FLOAT16, BFLOAT16, DOUBLE) are decoded to float32 from
 * {@code raw_data}, {@code float_data}, {@code int32_data} (16-bit types) or {@code double_data}.
 * Other initializers keep their name, type and shape but their data is skipped. Tensors whose data
 * lives in an external file are marked {@link OnnxInitializer#external()}.
 */
public final class OnnxGraphReader {

    // ModelProto
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_GRAPH = 7;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_FLOAT = 2;
    private static final int ATTRIBUTE_INT = 3;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int ATTRIBUTE_INTS = 8;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DOUBLE_DATA = 10;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int DATA_LOCATION_EXTERNAL = 1;

    private final ProtobufInput input;
    private final String source;

    private OnnxGraphReader(InputStream stream, String source) {
        this.input = new ProtobufInput(stream, source);
        this.source = source;
    }

    /** Reads a model from a stream, which the caller closes; {@code source} names it in messages. */
    public static OnnxGraph read(InputStream stream, String source) {
        return new OnnxGraphReader(stream, source).readModel();
    }

    private OnnxGraph readModel() {
        String producerName = "";
        String producerVersion = "";
        List<OnnxNode> nodes = null;
        Map<String, OnnxInitializer> initializers = null;
        int tag;
        while ((tag = input.readTag()) != 0) {
            int field = fieldNumber(tag);
            if (field == MODEL_GRAPH && wireType(tag) == WIRE_LENGTH_DELIMITED) {
                long previous = input.pushLimit(input.readLength());
                nodes = new ArrayList<>();
                initializers = new LinkedHashMap<>();
                readGraph(nodes, initializers);
                input.popLimit(previous);
            } else if (field == MODEL_PRODUCER_NAME && wireType(tag) == WIRE_LENGTH_DELIMITED) {
                producerName = input.readString();
            } else if (field == MODEL_PRODUCER_VERSION && wireType(tag) == WIRE_LENGTH_DELIMITED) {
                producerVersion = input.readString();
            } else {
                input.skipField(tag);
            }
        }
        if (nodes == null) {
            throw new InvalidInputException(source + " contains no ONNX graph: it is not an ONNX model file");
        }
        return new OnnxGraph(source, (producerName + " " + producerVersion).trim(), nodes, initializers);
    }

    private void readGraph(List<OnnxNode> nodes, Map<String, OnnxInitializer> initializers) {
        int tag;
        while ((tag = input.readTag()) != 0) {
            int field = fieldNumber(tag);
            if (field == GRAPH_NODE && wireType(tag) == WIRE_LENGTH_DELIMITED) {
                long previous = input.pushLimit(input.readLength());
                nodes.add(readNode());
                input.popLimit(previous);
            } else if (field == GRAPH_INITIALIZER && wireType(tag) == WIRE_LENGTH_DELIMITED) {
                long previous = input.pushLimit(input.readLength());
                OnnxInitializer tensor = readTensor();
                input.popLimit(previous);
                if (initializers.put(tensor.name(), tensor) != null) {
                    throw new InvalidInputException(source + " defines the initializer '" + tensor.name()
                            + "' twice; the model file is invalid");
                }
            } else {
                input.skipField(tag);
            }
        }
    }

    private OnnxNode readNode() {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Object> attributes = new HashMap<>();
        int tag;
        while ((tag = input.readTag()) != 0) {
            int field = fieldNumber(tag);
            boolean delimited = wireType(tag) == WIRE_LENGTH_DELIMITED;
            if (field == NODE_INPUT && delimited) {
                inputs.add(input.readString());
            } else if (field == NODE_OUTPUT && delimited) {
                outputs.add(input.readString());
            } else if (field == NODE_NAME && delimited) {
                name = input.readString();
            } else if (field == NODE_OP_TYPE && delimited) {
                opType = input.readString();
            } else if (field == NODE_ATTRIBUTE && delimited) {
                long previous = input.pushLimit(input.readLength());
                readAttribute(attributes);
                input.popLimit(previous);
            } else {
                input.skipField(tag);
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private void readAttribute(Map<String, Object> attributes) {
        String name = null;
        Object value = null;
        int tag;
        while ((tag = input.readTag()) != 0) {
            int field = fieldNumber(tag);
            if (field == ATTRIBUTE_NAME && wireType(tag) == WIRE_LENGTH_DELIMITED) {
                name = input.readString();
            } else if (field == ATTRIBUTE_FLOAT && wireType(tag) == WIRE_FIXED32) {
                value = Float.intBitsToFloat(input.readFixed32());
            } else if (field == ATTRIBUTE_INT && wireType(tag) == WIRE_VARINT) {
                value = input.readVarint();
            } else if (field == ATTRIBUTE_TENSOR && wireType(tag) == WIRE_LENGTH_DELIMITED) {
                long previous = input.pushLimit(input.readLength());
                value = readTensor();
                input.popLimit(previous);
            } else if (field == ATTRIBUTE_INTS) {
                List<Long> ints = new ArrayList<>();
                if (value instanceof long[] earlier) {
                    Arrays.stream(earlier).forEach(ints::add);
                }
                readLongs(wireType(tag), ints);
                value = ints.stream().mapToLong(Long::longValue).toArray();
            } else {
                input.skipField(tag);
            }
        }
        if (name != null && value != null) {
            attributes.put(name, value);
        }
    }

    private OnnxInitializer readTensor() {
        long start = input.position();
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        FloatList floatData = new FloatList();
        FloatList int32Data = new FloatList();
        FloatList doubleData = new FloatList();
        boolean external = false;

        int tag;
        while ((tag = input.readTag()) != 0) {
            int field = fieldNumber(tag);
            int wire = wireType(tag);
            if (field == TENSOR_DIMS) {
                readLongs(wire, dims);
            } else if (field == TENSOR_DATA_TYPE && wire == WIRE_VARINT) {
                dataType = (int) input.readVarint();
            } else if (field == TENSOR_NAME && wire == WIRE_LENGTH_DELIMITED) {
                name = input.readString();
            } else if (field == TENSOR_RAW_DATA && wire == WIRE_LENGTH_DELIMITED) {
                long length = input.readLength();
                // Fields arrive in field-number order, so the type is known here for every
                // exporter seen; data of non-float tensors is not needed and is skipped.
                if (dataType != 0 && !OnnxInitializer.isFloatingPoint(dataType)) {
                    input.skip(length);
                } else {
                    raw = input.readBytes(length);
                }
            } else if (field == TENSOR_FLOAT_DATA) {
                readFloats(wire, floatData);
            } else if (field == TENSOR_INT32_DATA) {
                readInt32s(wire, int32Data);
            } else if (field == TENSOR_DOUBLE_DATA) {
                readDoubles(wire, doubleData);
            } else if (field == TENSOR_EXTERNAL_DATA) {
                external = true;
                input.skipField(tag);
            } else if (field == TENSOR_DATA_LOCATION && wire == WIRE_VARINT) {
                external |= input.readVarint() == DATA_LOCATION_EXTERNAL;
            } else {
                input.skipField(tag);
            }
        }

        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (external || !OnnxInitializer.isFloatingPoint(dataType)) {
            return new OnnxInitializer(name, shape, dataType, null, external);
        }
        float[] values = decode(name, dataType, shape, raw, floatData, int32Data, doubleData, start);
        return new OnnxInitializer(name, shape, dataType, values, false);
    }

    private float[] decode(String name, int dataType, long[] shape, byte[] raw, FloatList floatData,
                           FloatList int32Data, FloatList doubleData, long start) {
        long count;
        try {
            count = Tensors.elementCount(shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw input.corrupt("tensor '" + name + "' has invalid shape " + Arrays.toString(shape));
        }
        float[] values;
        if (raw != null) {
            values = decodeRaw(dataType, raw);
        } else if (dataType == OnnxInitializer.FLOAT) {
            values = floatData.toArray();
        } else if (dataType == OnnxInitializer.DOUBLE) {
            values = doubleData.toArray();
        } else {
            // FLOAT16 and BFLOAT16 without raw_data keep one 16-bit pattern per int32_data entry.
            values = int32Data.toArray();
            for (int i = 0; i < values.length; i++) {
                int bits = (int) values[i];
                values[i] = dataType == OnnxInitializer.FLOAT16
                        ? HalfFloats.halfToFloat(bits) : HalfFloats.bfloat16ToFloat(bits);
            }
        }
        if (values.length != count) {
            throw new InvalidInputException(source + ": tensor '" + name + "' (starting at byte " + start
                    + ") contains " + values.length + " values of " + OnnxInitializer.typeName(dataType)
                    + " but its shape " + Arrays.toString(shape) + " needs " + count
                    + "; the model file is corrupt");
        }
        return values;
    }

    private static float[] decodeRaw(int dataType, byte[] raw) {
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] values;
        switch (dataType) {
            case OnnxInitializer.FLOAT -> {
                values = new float[raw.length / 4];
                buffer.asFloatBuffer().get(values);
            }
            case OnnxInitializer.DOUBLE -> {
                values = new float[raw.length / 8];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) buffer.getDouble(i * 8);
                }
            }
            case OnnxInitializer.FLOAT16 -> {
                values = new float[raw.length / 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = HalfFloats.halfToFloat(buffer.getShort(i * 2) & 0xffff);
                }
            }
            default -> {
                values = new float[raw.length / 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = HalfFloats.bfloat16ToFloat(buffer.getShort(i * 2) & 0xffff);
                }
            }
        }
        return values;
    }

    private void readLongs(int wire, List<Long> target) {
        if (wire == WIRE_VARINT) {
            target.add(input.readVarint());
            return;
        }
        long previous = input.pushLimit(input.readLength());
        while (input.position() < input.currentLimit()) {
            target.add(input.readVarint());
        }
        input.popLimit(previous);
    }

    private void readFloats(int wire, FloatList target) {
        if (wire == WIRE_FIXED32) {
            target.add(Float.intBitsToFloat(input.readFixed32()));
            return;
        }
        long length = input.readLength();
        for (long i = 0; i < length / 4; i++) {
            target.add(Float.intBitsToFloat(input.readFixed32()));
        }
        input.skip(length % 4);
    }

    private void readInt32s(int wire, FloatList target) {
        if (wire == WIRE_VARINT) {
            target.add((float) (input.readVarint() & 0xffff));
            return;
        }
        long previous = input.pushLimit(input.readLength());
        while (input.position() < input.currentLimit()) {
            target.add((float) (input.readVarint() & 0xffff));
        }
        input.popLimit(previous);
    }

    private void readDoubles(int wire, FloatList target) {
        if (wire == WIRE_FIXED64) {
            target.add((float) Double.longBitsToDouble(input.readFixed64()));
            return;
        }
        long length = input.readLength();
        for (long i = 0; i < length / 8; i++) {
            target.add((float) Double.longBitsToDouble(input.readFixed64()));
        }
        input.skip(length % 8);
    }

    /** A growable float array; int32_data stores 16-bit patterns, which floats represent exactly. */
    private static final class FloatList {
        private float[] values = new float[16];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
