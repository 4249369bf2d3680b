package dev.rqa.bench;

import dev.rqa.encode.Embeddings;
import dev.rqa.index.VectorMath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomVectorsTest {

    @Test
    void sameSeedSameVectors() {
        assertArrayEquals(RandomVectors.generate(50, 8, 3, 1, 0.5).data(),
                RandomVectors.generate(50, 8, 3, 1, 0.5).data());
    }

    @Test
    void isotropicNormsNearOne() {
        double[] norms = VectorMath.rowNorms(RandomVectors.generate(2000, 256, 4, 0, 0));
        double mean = 0;
        for (double norm : norms) {
            mean += norm / norms.length;
        }
        assertEquals(1.0, mean, 0.01);
    }

    @Test
    void spreadWidensNorms() {
        double[] norms = VectorMath.rowNorms(RandomVectors.generate(2000, 64, 5, 0, 1.0));
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double norm : norms) {
            min = Math.min(min, norm);
            max = Math.max(max, norm);
        }
        assertTrue(max / min > 100, "max/min norm " + max / min);
    }

    @Test
    void meanLengthSharesDirection() {
        Embeddings vectors = RandomVectors.generate(2, 64, 6, 3, 0);
        double cosine = vectors.dot(0, vectors, 1)
                / (VectorMath.norm(vectors.data(), 0, 64) * VectorMath.norm(vectors.data(), 64, 64));
        assertTrue(cosine > 0.8, "cosine " + cosine);
    }
}
