package dev.rqa.model.format;

/** File formats the checkpoint loader reads, and weights made in memory. */
public enum CheckpointFormat {
    /** PaddlePaddle pickle of numpy arrays ({@code .pdparams}), as RocketQA-zh models are distributed. */
    PDPARAMS,
    /** Hugging Face safetensors ({@code model.safetensors}). */
    SAFETENSORS,
    /** ONNX graph whose initializers hold the weights (the bge-small-zh exports). */
    ONNX,
    /** Weights generated in memory, such as {@link dev.rqa.model.RandomWeights}; no file was read. */
    GENERATED
}
