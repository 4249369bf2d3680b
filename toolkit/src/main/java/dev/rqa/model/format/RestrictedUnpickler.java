package dev.rqa.model.format;

import dev.rqa.InvalidInputException;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unpickler for PaddlePaddle {@code .pdparams} files that refuses every Python global except the
 * few a pickled dict of numpy arrays needs.
 *
 * <p>A pickle can name any Python callable ({@code os.system}, {@code builtins.eval}) and call it
 * while loading. This class resolves each GLOBAL and STACK_GLOBAL opcode itself, before anything
 * is called, and accepts only: numpy's {@code _reconstruct} (from {@code numpy.core.multiarray}
 * in numpy 1.x and {@code numpy._core.multiarray} in numpy 2.x), {@code numpy.ndarray},
 * {@code numpy.dtype}, {@code collections.OrderedDict}, {@code _codecs.encode} (protocol 2
 * stores bytes through it) and {@code builtins.tuple} (paddle.save reduces a tensor outside a
 * plain state dict to {@code tuple((name, array))}). The accepted callables are Java code that
 * only builds arrays, dicts and tuples. Opcodes that reach other objects (INST, OBJ, persistent
 * ids, extension codes, out-of-band buffers) are rejected, and BUILD applies only to numpy arrays
 * and dtypes. The lengths of bytes and strings are checked against the file size before memory
 * is allocated, so a truncated or corrupt file fails without a huge allocation.
 */
final class RestrictedUnpickler extends Unpickler {

    private static final Set<String> RECONSTRUCT = Set.of(
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct");

    /** Strings shorter than this are kept in the memo, because pickles refer to them again ('latin1'). */
    private static final int RELEASE_MIN_LENGTH = 1024;

    private final String source;
    private final long fileSize;
    private CountingInputStream counting;
    private int protocol;

    private RestrictedUnpickler(String source, long fileSize) {
        this.source = source;
        this.fileSize = fileSize;
    }

    /** Unpickles a file; the result contains maps, lists, Object[] tuples, strings, numbers and {@link NumpyArray}s. */
    static Result load(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("weights file not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            return load(in, file.toString(), size);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Unpickles a stream of known length; {@code source} names it in messages. */
    static Result load(InputStream in, String source, long size) {
        RestrictedUnpickler unpickler = new RestrictedUnpickler(source, size);
        unpickler.counting = new CountingInputStream(in);
        try {
            Object root = unpickler.load(unpickler.counting);
            return new Result(root, unpickler.protocol);
        } catch (IOException e) {
            throw new InvalidInputException(source + " ends at byte " + unpickler.counting.position
                    + " before the pickle is complete (" + e.getMessage() + "): the file is truncated;"
                    + " download it again", e);
        } catch (PickleException | ClassCastException | IllegalStateException | IndexOutOfBoundsException
                 | NullPointerException | NumberFormatException e) {
            throw new InvalidInputException(source + " is not a valid pickle of numpy arrays (" + e
                    + " near byte " + unpickler.counting.position + "); check that it is a PaddlePaddle"
                    + " .pdparams file", e);
        } finally {
            unpickler.close();
        }
    }

    /**
     * An unpickled object.
     *
     * @param root     the top-level object
     * @param protocol pickle protocol from the PROTO opcode, 0 or 1 when there is none
     */
    record Result(Object root, int protocol) {
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.PROTO -> {
                protocol = readByte();
                if (protocol > HIGHEST_PROTOCOL) {
                    throw new InvalidInputException(source + " uses pickle protocol " + protocol
                            + ", newer than the supported 0 to " + HIGHEST_PROTOCOL);
                }
            }
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new InvalidInputException(source + ": STACK_GLOBAL without a module and a name;"
                            + " the file is not a valid pickle");
                }
                stack.add(resolve(m, n));
            }
            case Opcodes.INST, Opcodes.OBJ -> throw rejectOpcode("INST/OBJ (class instances)");
            case Opcodes.PERSID, Opcodes.BINPERSID -> throw rejectOpcode("PERSID (persistent ids)");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> throw rejectOpcode("EXT (extension registry)");
            case Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER -> throw rejectOpcode("out-of-band buffers");
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                Object arguments = stack.pop();
                Object callable = stack.pop();
                stack.add(call(callable, arguments));
            }
            case Opcodes.BUILD -> build();
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> stack.add(toMap(stack.pop_all_since_marker()));
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                mapOnStack().putAll(toMap(items));
            }
            case Opcodes.BINBYTES -> stack.add(readData(readLength(4)));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(readData(readLength(8)));
            case Opcodes.BINUNICODE -> stack.add(new String(readData(readLength(4)), StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(readData(readLength(8)), StandardCharsets.UTF_8));
            case Opcodes.BINSTRING -> stack.add(new String(readData(readLength(4)), StandardCharsets.ISO_8859_1));
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private Object resolve(String module, String name) {
        String qualified = module + "." + name;
        if (RECONSTRUCT.contains(qualified)) {
            return new AllowedCallable(qualified, this::reconstruct);
        }
        return switch (qualified) {
            case "numpy.ndarray" -> NdarrayType.INSTANCE;
            case "numpy.dtype" -> new AllowedCallable(qualified, RestrictedUnpickler::dtype);
            case "collections.OrderedDict" -> new AllowedCallable(qualified, RestrictedUnpickler::orderedDict);
            case "_codecs.encode" -> new AllowedCallable(qualified, this::encode);
            case "builtins.tuple", "__builtin__.tuple" -> new AllowedCallable(qualified, RestrictedUnpickler::tuple);
            default -> throw new InvalidInputException(source + " refers to the Python global '" + qualified
                    + "', which a PaddlePaddle state dict never needs, so the file was rejected before"
                    + " anything in it ran (only numpy arrays, numpy dtypes, OrderedDict, tuple and"
                    + " _codecs.encode are accepted). Do not load this file: it may be malicious or it is"
                    + " not a .pdparams state dict");
        };
    }

    private Object call(Object callable, Object arguments) {
        if (!(arguments instanceof Object[] args)) {
            throw new InvalidInputException(source + ": a call in the pickle has no argument tuple; the file is"
                    + " not a valid pickle");
        }
        if (callable instanceof AllowedCallable allowed) {
            return allowed.construct(args);
        }
        if (callable == NdarrayType.INSTANCE) {
            throw new InvalidInputException(source + " calls numpy.ndarray directly; numpy pickles arrays through"
                    + " _reconstruct, so the file was not written by numpy");
        }
        throw new InvalidInputException(source + " calls a " + (callable == null ? "None" : callable.getClass()
                .getSimpleName()) + ", which is not callable; the file is not a valid pickle");
    }

    private void build() {
        Object state = stack.pop();
        Object target = stack.peek();
        if (target instanceof NumpyArray array) {
            Object consumed = array.setState(state);
            releaseFromMemo(consumed);
        } else if (target instanceof NumpyDtype dtype) {
            dtype.setState(state);
        } else {
            throw new InvalidInputException(source + " sets the state of a " + (target == null ? "None"
                    : target.getClass().getSimpleName()) + "; a .pdparams file only sets numpy arrays and dtypes");
        }
    }

    /** Drops the array's raw bytes from the memo; numpy never refers to them again, and they can be large. */
    private void releaseFromMemo(Object data) {
        if (data instanceof byte[] || data instanceof String) {
            memo.values().removeIf(value -> value == data);
        }
    }

    private Object reconstruct(Object[] args) {
        if (args.length < 1 || args[0] != NdarrayType.INSTANCE) {
            throw new InvalidInputException(source + ": numpy _reconstruct is called for something other than"
                    + " numpy.ndarray; the file is not a pickle of numpy arrays");
        }
        return new NumpyArray();
    }

    private static Object dtype(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof String code)) {
            throw new PickleException("numpy.dtype without a type code");
        }
        return new NumpyDtype(code);
    }

    private static Object orderedDict(Object[] args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (args.length > 0 && args[0] instanceof List<?> pairs) {
            for (Object pair : pairs) {
                if (pair instanceof Object[] entry && entry.length == 2) {
                    map.put(entry[0], entry[1]);
                } else {
                    throw new PickleException("OrderedDict item is not a key-value pair");
                }
            }
        }
        return map;
    }

    private Object encode(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof String text) || !(args[1] instanceof String encoding)) {
            throw new PickleException("_codecs.encode needs a string and an encoding");
        }
        String normalized = encoding.toLowerCase().replace('_', '-');
        if (!normalized.equals("latin1") && !normalized.equals("latin-1") && !normalized.equals("iso-8859-1")) {
            throw new InvalidInputException(source + " encodes bytes as '" + encoding + "'; pickle protocol 2"
                    + " uses latin1, so the file was not written by Python's pickle");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                throw new InvalidInputException(source + ": latin1 bytes contain a character above U+00FF;"
                        + " the file is corrupt");
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (text.length() >= RELEASE_MIN_LENGTH) {
            memo.values().removeIf(value -> value == text);
        }
        return bytes;
    }

    private static Object tuple(Object[] args) {
        if (args.length == 0) {
            return new Object[0];
        }
        if (args[0] instanceof Object[] items) {
            return items.clone();
        }
        if (args[0] instanceof List<?> items) {
            return items.toArray();
        }
        throw new PickleException("tuple() of a " + args[0].getClass().getSimpleName());
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> mapOnStack() {
        Object target = stack.peek();
        if (!(target instanceof Map<?, ?>)) {
            throw new PickleException("SETITEMS on a non-dict");
        }
        return (Map<Object, Object>) target;
    }

    private static Map<Object, Object> toMap(List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new PickleException("odd number of items for a dict");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    private InvalidInputException rejectOpcode(String opcode) {
        return new InvalidInputException(source + " uses the pickle opcode " + opcode + " at byte "
                + counting.position + ", which a pickled dict of numpy arrays never contains; the file was"
                + " rejected before anything in it ran");
    }

    private int readByte() throws IOException {
        int value = input.read();
        if (value < 0) {
            throw new IOException("premature end of file");
        }
        return value;
    }

    private long readLength(int width) throws IOException {
        byte[] bytes = PickleUtils.readbytes(input, width);
        long length = 0;
        for (int i = width - 1; i >= 0; i--) {
            length = (length << 8) | (bytes[i] & 0xff);
        }
        if (width == 4) {
            // BINBYTES, BINUNICODE and BINSTRING lengths are 4-byte little-endian; negative means corrupt.
            length = (int) length;
        }
        return length;
    }

    private byte[] readData(long length) throws IOException {
        long remaining = fileSize - counting.position;
        if (length < 0 || length > remaining) {
            throw new IOException("a value of " + length + " bytes starts at byte " + counting.position
                    + " but only " + Math.max(remaining, 0) + " bytes remain");
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(source + " contains a single value of " + length
                    + " bytes, larger than a Java array; save the model with smaller tensors");
        }
        return PickleUtils.readbytes(input, (int) length);
    }

    /** A Python callable that this unpickler implements itself. */
    private record AllowedCallable(String name, IObjectConstructor body) {

        Object construct(Object[] args) {
            return body.construct(args);
        }
    }

    /** The class object numpy.ndarray; it is only an argument of {@code _reconstruct}. */
    private enum NdarrayType {
        INSTANCE
    }

    /** Counts bytes read, for positions in messages and the file-size check. */
    private static final class CountingInputStream extends FilterInputStream {

        private long position;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                position++;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                position += count;
            }
            return count;
        }

        @Override
        public long skip(long count) throws IOException {
            long skipped = super.skip(count);
            position += skipped;
            return skipped;
        }
    }
}
