package dev.rqa.model.format;

import dev.rqa.InvalidInputException;
import dev.rqa.model.StateDict;
import dev.rqa.model.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads PaddlePaddle {@code .pdparams} state dicts (RocketQA and other PaddleNLP ERNIE models) into
 * canonical weights.
 *
 * <p>{@code paddle.save} pickles a dict from parameter name to numpy array (protocols 2 to 4),
 * adds a {@code StructuredToParameterName@@} table that is skipped here, and under protocols 2 and
 * 3 splits arrays over 2^30 bytes into {@code name@@.0}, {@code name@@.1} ... described by
 * {@code UnpackBigParamInfor@@}, which are joined again. Outside a plain state dict it stores each
 * tensor as a {@code (name, array)} tuple. Keys carry the prefix of the model class
 * ({@code ernie.}, {@code encoder.} or none); the prefix is found from the word embedding key.
 */
public final class PdparamsReader {

    private static final Logger LOG = LoggerFactory.getLogger(PdparamsReader.class);

    static final String NAME_TABLE_KEY = "StructuredToParameterName@@";
    static final String SPLIT_INFO_KEY = "UnpackBigParamInfor@@";
    private static final String WORD_EMBEDDINGS_SUFFIX = "embeddings.word_embeddings.weight";

    /**
     * A read state dict.
     *
     * @param weights  canonical tensors, linear weights [in, out] as Paddle stores them
     * @param protocol pickle protocol of the file
     * @param dtypes   numpy types found, for example {@code [float16]}
     * @param prefix   key prefix removed from backbone names, possibly empty
     * @param ignored  keys that are not encoder weights (pretraining heads, counters)
     */
    public record Contents(StateDict weights, int protocol, Set<String> dtypes, String prefix, List<String> ignored) {
    }

    private PdparamsReader() {
    }

    /** Reads a {@code .pdparams} file and maps its keys to canonical names. */
    public static Contents read(Path file) {
        RestrictedUnpickler.Result result = RestrictedUnpickler.load(file);
        Map<String, NumpyArray> arrays = arrays(result.root(), file.toString());
        String prefix = findPrefix(arrays.keySet(), file);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Set<String> dtypes = new LinkedHashSet<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, NumpyArray> entry : arrays.entrySet()) {
            String key = entry.getKey();
            String canonical = canonical(key, prefix);
            if (canonical == null) {
                ignored.add(key);
                continue;
            }
            NumpyArray array = entry.getValue();
            if (array.defect() != null) {
                throw new InvalidInputException("tensor '" + key + "' in " + file + " cannot be read: "
                        + array.defect() + "; the file is corrupt or was not written by paddle.save");
            }
            if (array.values() == null) {
                throw new InvalidInputException("tensor '" + key + "' in " + file + " has numpy type "
                        + array.dtype() + "; weights must be float16, float32 or float64");
            }
            dtypes.add(array.dtype());
            if (tensors.put(canonical, new Tensor(array.shape(), array.values())) != null) {
                throw new InvalidInputException(file + " contains two tensors for " + canonical
                        + " (the second is '" + key + "'); it mixes the weights of several models");
            }
        }
        if (!ignored.isEmpty()) {
            LOG.info("{}: ignored {} entries that are not encoder weights: {}", file, ignored.size(),
                    ignored.size() > 10 ? ignored.subList(0, 10) + " ..." : ignored);
        }
        return new Contents(new StateDict(tensors, file.toString()), result.protocol(), dtypes, prefix, ignored);
    }

    /**
     * Returns the arrays of a state dict by key, in file order: tuple values unwrapped, split
     * arrays joined, the name table and non-array values left out.
     */
    public static Map<String, NumpyArray> readArrays(Path file) {
        return arrays(RestrictedUnpickler.load(file).root(), file.toString());
    }

    private static Map<String, NumpyArray> arrays(Object root, String source) {
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidInputException(source + " contains a pickled " + describe(root)
                    + ", not a dict of parameters; it is not a state dict saved by paddle.save");
        }
        Map<String, NumpyArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key) || key.equals(NAME_TABLE_KEY) || key.equals(SPLIT_INFO_KEY)) {
                continue;
            }
            Object value = entry.getValue();
            if (value instanceof Object[] pair && pair.length == 2 && pair[1] instanceof NumpyArray array) {
                arrays.put(key, array);
            } else if (value instanceof NumpyArray array) {
                arrays.put(key, array);
            } else {
                LOG.debug("{}: skipping non-array entry '{}' ({})", source, key, describe(value));
            }
        }
        if (map.get(SPLIT_INFO_KEY) instanceof Map<?, ?> splits) {
            joinSplitArrays(arrays, splits, source);
        }
        return arrays;
    }

    /** Joins arrays that paddle.save split into flat slices, as paddle.load does. */
    private static void joinSplitArrays(Map<String, NumpyArray> arrays, Map<?, ?> splits, String source) {
        for (Map.Entry<?, ?> entry : splits.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> info) || !(info.get("slices") instanceof List<?> slices)
                    || !(info.get("OriginShape") instanceof Object[] originShape)) {
                throw new InvalidInputException(source + ": the split description of '" + key
                        + "' has no slices or OriginShape; the file is corrupt");
            }
            List<float[]> parts = new ArrayList<>();
            long total = 0;
            String dtype = null;
            for (Object slice : slices) {
                NumpyArray part = arrays.remove(String.valueOf(slice));
                if (part == null) {
                    throw new InvalidInputException(source + ": slice '" + slice + "' of '" + key
                            + "' is missing; the file is truncated or corrupt");
                }
                if (part.defect() != null || part.values() == null) {
                    throw new InvalidInputException("slice '" + slice + "' in " + source + " cannot be read: "
                            + (part.defect() != null ? part.defect() : "numpy type " + part.dtype()));
                }
                parts.add(part.values());
                total += part.values().length;
                dtype = part.dtype();
            }
            long[] shape = new long[originShape.length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = ((Number) originShape[i]).longValue();
            }
            if (Tensors.elementCount(shape) != total || total > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(source + ": the slices of '" + key + "' hold " + total
                        + " values but OriginShape " + Arrays.toString(shape) + " needs "
                        + Tensors.elementCount(shape));
            }
            float[] joined = new float[(int) total];
            int offset = 0;
            for (float[] part : parts) {
                System.arraycopy(part, 0, joined, offset, part.length);
                offset += part.length;
            }
            arrays.put(key, NumpyArray.of(shape, dtype, joined));
        }
    }

    private static String findPrefix(Set<String> keys, Path file) {
        List<String> candidates = new ArrayList<>();
        for (String key : keys) {
            if (key.endsWith(WORD_EMBEDDINGS_SUFFIX)) {
                candidates.add(key.substring(0, key.length() - WORD_EMBEDDINGS_SUFFIX.length()));
            }
        }
        if (candidates.isEmpty()) {
            throw new InvalidInputException(file + " has no '" + WORD_EMBEDDINGS_SUFFIX + "' entry; it is not"
                    + " the state dict of an ERNIE model (keys start with " + firstKeys(keys) + ")");
        }
        if (candidates.size() > 1) {
            throw new InvalidInputException(file + " contains the weights of " + candidates.size()
                    + " encoders (prefixes " + candidates + "); save each encoder on its own");
        }
        return candidates.get(0);
    }

    private static String canonical(String key, String prefix) {
        if (key.startsWith(prefix)) {
            String canonical = PaddleErnieNames.canonical(key.substring(prefix.length()));
            if (canonical != null) {
                return canonical;
            }
        }
        // Task heads sit next to the backbone: ErnieForSequenceClassification has ernie.* and classifier.*.
        int classifier = key.lastIndexOf("classifier.");
        if (classifier >= 0 && (classifier == 0 || key.charAt(classifier - 1) == '.')) {
            return PaddleErnieNames.canonical(key.substring(classifier));
        }
        return null;
    }

    private static String firstKeys(Set<String> keys) {
        List<String> first = new ArrayList<>();
        for (String key : keys) {
            if (first.size() == 3) {
                break;
            }
            first.add("'" + key + "'");
        }
        return first.isEmpty() ? "nothing" : String.join(", ", first);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Object[]) {
            return "tuple";
        }
        return value.getClass().getSimpleName();
    }
}
