package dev.rqa.index;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/**
 * HNSW distance {@code 1 - u.v}, as in hnswlib's inner-product space. A named top-level class
 * (not a lambda) so that a saved index loads in any JVM that has the toolkit on its class path.
 */
public final class InnerProductDistance implements DistanceFunction<float[], Float> {

    private static final long serialVersionUID = 1L;

    @Override
    public Float distance(float[] u, float[] v) {
        return 1f - VectorMath.fastDot(u, v);
    }
}
