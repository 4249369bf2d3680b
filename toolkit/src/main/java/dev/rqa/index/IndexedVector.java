package dev.rqa.index;

import com.github.jelmerk.hnswlib.core.Item;

/**
 * One passage in an HNSW graph.
 *
 * @param id     passage id
 * @param vector the vector in the graph's space; under the MIPS transform it is one longer than the
 *               encoder's vector
 */
public record IndexedVector(String id, float[] vector) implements Item<String, float[]> {

    private static final long serialVersionUID = 1L;

    @Override
    public int dimensions() {
        return vector.length;
    }
}
