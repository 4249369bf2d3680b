package dev.rqa.model.format;

import dev.rqa.InvalidInputException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Streaming reader of the protocol buffers wire format: varints, fixed-width numbers and
 * length-delimited fields, with nested message limits. It reads each byte of the stream once, so
 * a large ONNX file is parsed in one pass without holding the whole file in memory.
 */
final class ProtobufInput {

    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LENGTH_DELIMITED = 2;
    static final int WIRE_FIXED32 = 5;

    private static final long NO_LIMIT = Long.MAX_VALUE;

    private final InputStream in;
    private final String source;
    private long position;
    private long limit = NO_LIMIT;

    ProtobufInput(InputStream in, String source) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.source = source;
    }

    long position() {
        return position;
    }

    /** Returns the end position of the message or packed field being read. */
    long currentLimit() {
        return limit;
    }

    /** Returns the next field tag, or 0 at the end of the current message or of the stream. */
    int readTag() {
        if (position == limit) {
            return 0;
        }
        int first = read();
        if (first < 0) {
            if (limit != NO_LIMIT) {
                throw truncated();
            }
            return 0;
        }
        position++;
        long tag = continueVarint(first);
        if ((tag >>> 3) == 0 || tag > Integer.MAX_VALUE) {
            throw corrupt("invalid field tag " + tag);
        }
        return (int) tag;
    }

    static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    static int wireType(int tag) {
        return tag & 7;
    }

    long readVarint() {
        return continueVarint(readByte());
    }

    private long continueVarint(int first) {
        long result = first & 0x7f;
        int shift = 7;
        int current = first;
        while ((current & 0x80) != 0) {
            if (shift > 63) {
                throw corrupt("varint longer than 10 bytes");
            }
            current = readByte();
            result |= (long) (current & 0x7f) << shift;
            shift += 7;
        }
        return result;
    }

    int readFixed32() {
        int b0 = readByte();
        int b1 = readByte();
        int b2 = readByte();
        int b3 = readByte();
        return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
    }

    long readFixed64() {
        long low = readFixed32() & 0xffffffffL;
        long high = readFixed32() & 0xffffffffL;
        return low | (high << 32);
    }

    /** Reads the length of a length-delimited field and checks that it fits in the current message. */
    long readLength() {
        long length = readVarint();
        if (length < 0 || (limit != NO_LIMIT && length > limit - position)) {
            throw corrupt("field length " + length + " runs past the end of its message");
        }
        return length;
    }

    /** Starts reading a nested message of the given length; returns the limit to restore afterwards. */
    long pushLimit(long length) {
        long previous = limit;
        limit = position + length;
        return previous;
    }

    /** Skips what is left of the nested message and restores the enclosing limit. */
    void popLimit(long previous) {
        if (position < limit) {
            skip(limit - position);
        }
        limit = previous;
    }

    String readString() {
        return new String(readBytes(readLength()), StandardCharsets.UTF_8);
    }

    byte[] readBytes(long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw corrupt("field of " + length + " bytes is larger than a Java array");
        }
        byte[] buffer = new byte[(int) length];
        int offset = 0;
        try {
            while (offset < buffer.length) {
                int count = in.read(buffer, offset, buffer.length - offset);
                if (count < 0) {
                    throw truncated();
                }
                offset += count;
                position += count;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + source, e);
        }
        return buffer;
    }

    void skip(long length) {
        try {
            long remaining = length;
            while (remaining > 0) {
                long skipped = in.skip(remaining);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw truncated();
                    }
                    skipped = 1;
                }
                remaining -= skipped;
                position += skipped;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + source, e);
        }
    }

    /** Skips the value of a field that the caller does not need. */
    void skipField(int tag) {
        switch (wireType(tag)) {
            case WIRE_VARINT -> readVarint();
            case WIRE_FIXED64 -> skip(8);
            case WIRE_LENGTH_DELIMITED -> skip(readLength());
            case WIRE_FIXED32 -> skip(4);
            default -> throw corrupt("unsupported wire type " + wireType(tag) + " of field " + fieldNumber(tag));
        }
    }

    InvalidInputException corrupt(String problem) {
        return new InvalidInputException(source + " is not a valid ONNX protobuf file (" + problem + " at byte "
                + position + "); check that the file is complete and really is an .onnx model");
    }

    private InvalidInputException truncated() {
        return new InvalidInputException(source + " ends at byte " + position
                + " in the middle of a field: the file is truncated; download or export it again");
    }

    private int readByte() {
        if (position >= limit) {
            throw corrupt("field runs past the end of its message");
        }
        int value = read();
        if (value < 0) {
            throw truncated();
        }
        position++;
        return value;
    }

    private int read() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + source, e);
        }
    }
}
