package dev.rqa.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Named weights of one model in the toolkit's canonical layout, whatever file format they came from.
 *
 * <p>Canonical names are the Hugging Face BERT names ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, {@code encoder.layer.0.output.LayerNorm.bias},
 * {@code pooler.dense.weight}, {@code classifier.weight}) plus ERNIE 3.0's
 * {@code embeddings.task_type_embeddings.weight}. Every linear weight is stored as
 * <b>[in, out]</b>, the layout of Paddle checkpoints and of ONNX MatMul initializers; loaders of
 * PyTorch-layout files ([out, in]) transpose while reading.
 */
public final class StateDict {

    private final Map<String, Tensor> tensors;
    private final String source;

    public StateDict(Map<String, Tensor> tensors, String source) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.source = source;
    }

    /** Describes where the weights were read from, for error messages and reports. */
    public String source() {
        return source;
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Optional<Tensor> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** Returns a tensor or throws an error naming the missing tensor and the file. */
    public Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("tensor '" + name + "' not found in " + source);
        }
        return tensor;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public Map<String, Tensor> asMap() {
        return tensors;
    }
}
