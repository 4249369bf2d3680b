package dev.rqa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * The sequence-classification head of BERT and ERNIE: a tanh pooler over the [CLS] hidden state,
 * then a linear classifier. RocketQA's cross encoders use it with two classes and read the softmax
 * probability of class 1 as the relevance score.
 */
public final class ClassificationHead implements AutoCloseable {

    private final NDArray poolerWeight;
    private final NDArray poolerBias;
    private final NDArray classifierWeight;
    private final NDArray classifierBias;
    private final int numLabels;

    private ClassificationHead(NDArray poolerWeight, NDArray poolerBias, NDArray classifierWeight,
                               NDArray classifierBias, int numLabels) {
        this.poolerWeight = poolerWeight;
        this.poolerBias = poolerBias;
        this.classifierWeight = classifierWeight;
        this.classifierBias = classifierBias;
        this.numLabels = numLabels;
    }

    /**
     * Uploads {@code pooler.dense.*} and {@code classifier.*} from a state dict, next to the
     * backbone's weights.
     */
    public static ClassificationHead create(StateDict weights, NDManager manager) {
        WeightUploader upload = new WeightUploader(manager, weights);
        Tensor classifier = weights.get("classifier.weight");
        return new ClassificationHead(
                upload.linearWeight("pooler.dense.weight"),
                upload.plain("pooler.dense.bias"),
                upload.linearWeight("classifier.weight"),
                upload.plain("classifier.bias"),
                (int) classifier.shape()[1]);
    }

    public int numLabels() {
        return numLabels;
    }

    /** Returns softmax probabilities [batch, labels] for a [batch, length, hidden] hidden state. */
    public NDArray probabilities(NDArray hidden) {
        try (NDArray cls = hidden.get(new NDIndex(":, 0, :"))) {
            return probabilitiesOfFirstToken(cls);
        }
    }

    /** Returns softmax probabilities [batch, labels] for the [batch, hidden] states of the first token. */
    public NDArray probabilitiesOfFirstToken(NDArray cls) {
        try (NDArray pooledLinear = cls.getNDArrayInternal().linear(cls, poolerWeight, poolerBias).singletonOrThrow();
             NDArray pooled = pooledLinear.tanh();
             NDArray logits = pooled.getNDArrayInternal().linear(pooled, classifierWeight, classifierBias)
                     .singletonOrThrow()) {
            return logits.softmax(-1);
        }
    }

    @Override
    public void close() {
        poolerWeight.close();
        poolerBias.close();
        classifierWeight.close();
        classifierBias.close();
    }
}
