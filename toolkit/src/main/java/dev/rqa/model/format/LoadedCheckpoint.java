package dev.rqa.model.format;

import dev.rqa.model.StateDict;
import dev.rqa.model.TransformerConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint ready for an encoder: validated weights, their architecture and a tokenizer file.
 *
 * @param config        encoder architecture
 * @param weights       canonical weights; every backbone tensor of {@code config} is present with its shape
 * @param tokenizerJson a Hugging Face tokenizer.json for DJL's HuggingFaceTokenizer (generated
 *                      into the cache directory when the checkpoint has only a vocab.txt)
 * @param lowerCase     whether the tokenizer lower-cases (and strips accents)
 * @param source        description of the files read, for logs and result records
 * @param format        file format of the weights
 * @param hasPooler     whether {@code pooler.dense} is present
 * @param hasClassifier whether {@code classifier} is present (cross encoders)
 * @param numLabels     classifier outputs, 0 without a classifier
 * @param warnings      tensors the encoder will not use
 */
public record LoadedCheckpoint(TransformerConfig config, StateDict weights, Path tokenizerJson, boolean lowerCase,
                               String source, CheckpointFormat format, boolean hasPooler, boolean hasClassifier,
                               int numLabels, List<String> warnings) {

    public LoadedCheckpoint {
        warnings = List.copyOf(warnings);
    }
}
