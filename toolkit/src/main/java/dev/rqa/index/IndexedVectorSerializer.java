package dev.rqa.index;

import com.github.jelmerk.hnswlib.core.ObjectSerializer;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * Writes graph items as plain length-prefixed fields instead of Java object serialization, so a
 * saved index contains no class descriptors of items and reads back faster.
 */
public final class IndexedVectorSerializer implements ObjectSerializer<IndexedVector> {

    private static final long serialVersionUID = 1L;

    /** Upper bound on a stored vector length; a larger value means the file is damaged. */
    private static final int MAX_DIMENSIONS = 1 << 20;

    @Override
    public void write(IndexedVector item, ObjectOutput out) throws IOException {
        PassageIdSerializer.writeId(item.id(), out);
        float[] vector = item.vector();
        out.writeInt(vector.length);
        for (float value : vector) {
            out.writeFloat(value);
        }
    }

    @Override
    public IndexedVector read(ObjectInput in) throws IOException {
        String id = PassageIdSerializer.readId(in);
        int length = in.readInt();
        if (length < 0 || length > MAX_DIMENSIONS) {
            throw new InvalidObjectException("invalid vector length " + length + " for passage " + id);
        }
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = in.readFloat();
        }
        return new IndexedVector(id, vector);
    }
}
