package dev.rqa.model.format;

/** File formats the checkpoint loader reads. */
public enum CheckpointFormat {
    /** PaddlePaddle pickle of numpy arrays ({@code .pdparams}), as RocketQA-zh models are distributed. */
    PDPARAMS,
    /** Hugging Face safetensors ({@code model.safetensors}). */
    SAFETENSORS,
    /** ONNX graph whose initializers hold the weights (the bge-small-zh exports). */
    ONNX
}
