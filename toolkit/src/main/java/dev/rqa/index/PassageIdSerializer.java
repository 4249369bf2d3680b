package dev.rqa.index;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;

/** Writes passage ids as length-prefixed UTF-8, with no limit on length (unlike writeUTF's 64 KB). */
public final class PassageIdSerializer implements ObjectSerializer<String> {

    private static final long serialVersionUID = 1L;

    /** Upper bound on a stored id in bytes; a larger value means the file is damaged. */
    private static final int MAX_ID_BYTES = 1 << 20;

    @Override
    public void write(String id, ObjectOutput out) throws IOException {
        writeId(id, out);
    }

    @Override
    public String read(ObjectInput in) throws IOException {
        return readId(in);
    }

    static void writeId(String id, ObjectOutput out) throws IOException {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readId(ObjectInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_ID_BYTES) {
            throw new InvalidObjectException("invalid passage id length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
