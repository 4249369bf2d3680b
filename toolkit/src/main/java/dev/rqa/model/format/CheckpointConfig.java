package dev.rqa.model.format;

import dev.rqa.model.TransformerConfig;

/**
 * A model's architecture as read from its config file.
 *
 * @param transformer  encoder architecture
 * @param numLabels    classifier outputs ({@code num_labels}, {@code num_classes} or the size of
 *                     {@code id2label}); 0 when the config declares none
 * @param architecture model class names from the file, outermost first, for example
 *                     {@code ErnieForSequenceClassification > ErnieModel}; empty when absent
 * @param source       the config file
 */
public record CheckpointConfig(TransformerConfig transformer, int numLabels, String architecture, String source) {
}
