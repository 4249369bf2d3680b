package dev.rqa.encode;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.rqa.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A WordPiece tokenizer read from a Hugging Face {@code tokenizer.json}, with every length setting
 * made explicit.
 *
 * <p>DJL's tokenizer otherwise applies its own defaults (truncation at 512, padding), which differ
 * from Python {@code tokenizers}. Here a text is never padded (batches pad later), truncation is
 * longest-first for pairs, and {@code maxLength} counts [CLS] and [SEP].
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final boolean lowercase;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, boolean lowercase) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.lowercase = lowercase;
    }

    /**
     * Loads a tokenizer.
     *
     * @param tokenizerJson Hugging Face tokenizer file
     * @param lowercase     lower-case text before WordPiece; BERT-style Chinese vocabularies hold no
     *                      upper-case letters, so without it every capitalised word becomes [UNK]
     * @param maxLength     maximum tokens per sequence including special tokens, at least 3
     */
    public static TextTokenizer load(Path tokenizerJson, boolean lowercase, int maxLength) {
        if (maxLength < 3) {
            throw new InvalidInputException("max length " + maxLength + " is too small: [CLS], [SEP] and"
                    + " one token need at least 3");
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optDoLowerCase(lowercase)
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optPadding(false)
                    .optMaxLength(maxLength)
                    .build();
            return new TextTokenizer(tokenizer, maxLength, lowercase);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
        }
    }

    public TokenizedText encode(String text) {
        return toTokenized(tokenizer.encode(text));
    }

    /** Encodes {@code [CLS] first [SEP] second [SEP]} with segment ids 0 and 1. */
    public TokenizedText encodePair(String first, String second) {
        return toTokenized(tokenizer.encode(first, second));
    }

    /** Returns the WordPiece tokens of a text, for inspection and tests. */
    public String[] tokens(String text) {
        return tokenizer.encode(text).getTokens();
    }

    private static TokenizedText toTokenized(Encoding encoding) {
        return new TokenizedText(encoding.getIds(), encoding.getTypeIds(), encoding.exceedMaxLength());
    }

    public int maxLength() {
        return maxLength;
    }

    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
