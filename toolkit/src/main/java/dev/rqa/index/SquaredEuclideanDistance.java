package dev.rqa.index;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/**
 * HNSW distance {@code |u - v|^2}, as in hnswlib's {@code l2} space (no square root, which does not
 * change the ranking). A named top-level class so that a saved index loads in any JVM.
 */
public final class SquaredEuclideanDistance implements DistanceFunction<float[], Float> {

    private static final long serialVersionUID = 1L;

    @Override
    public Float distance(float[] u, float[] v) {
        return VectorMath.fastSquaredDistance(u, v);
    }
}
