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
 * from Python {@code tokenizers}. Here a text is never padded (batches pad later), and
 * {@code maxLength} counts [CLS] and [SEP]. Pairs are truncated by PaddleNLP's longest-first rule
 * (one token at a time from the longer side, from the second side when both are equally long), which
 * differs from Hugging Face's rule when both sides must be cut.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final boolean lowercase;
    private final long clsId;
    private final long sepId;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, boolean lowercase) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.lowercase = lowercase;
        long[] probe = tokenizer.encode("a").getIds();
        this.clsId = probe[0];
        this.sepId = probe[probe.length - 1];
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
        // Each side is at most maxLength tokens here, which never cuts more than the rule below does.
        long[] a = tokenizer.encode(first, false, false).getIds();
        long[] b = tokenizer.encode(second, false, false).getIds();
        int firstLength = a.length;
        int secondLength = b.length;
        int excess = firstLength + secondLength + 3 - maxLength;
        boolean truncated = excess > 0;
        for (int i = 0; i < excess; i++) {
            if (firstLength > secondLength) {
                firstLength--;
            } else {
                secondLength--;
            }
        }

        int length = firstLength + secondLength + 3;
        long[] ids = new long[length];
        long[] types = new long[length];
        ids[0] = clsId;
        System.arraycopy(a, 0, ids, 1, firstLength);
        ids[firstLength + 1] = sepId;
        System.arraycopy(b, 0, ids, firstLength + 2, secondLength);
        ids[length - 1] = sepId;
        java.util.Arrays.fill(types, firstLength + 2, length, 1L);
        return new TokenizedText(ids, types, truncated);
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
