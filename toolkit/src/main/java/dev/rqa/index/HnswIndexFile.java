package dev.rqa.index;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import com.github.jelmerk.hnswlib.core.util.ClassLoaderObjectInputStream;
import dev.rqa.AtomicFiles;
import dev.rqa.InvalidInputException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * On-disk format of an {@link HnswPassageIndex}.
 *
 * <pre>
 * magic          8 bytes  "RQA-HNSW"
 * version        int      1
 * similarity     UTF      "DOT" or "COSINE"
 * space          UTF      "MIPS_EUCLIDEAN" or "INNER_PRODUCT"
 * dim            int      encoder dimension
 * maxNorm        float    largest passage norm of the MIPS transform, else 0
 * m, efConstruction, ef   int
 * count          int      number of passages, followed by that many ids (int length, UTF-8 bytes)
 * payload                 hnswlib's own Java serialization of its HnswIndex
 * trailer        32 bytes payload offset (long), payload length (long), CRC-32 of all bytes before
 *                         the trailer (long), "RQA-END\n"
 * </pre>
 *
 * All integers are big-endian (java.io.DataOutput). The payload contains only hnswlib's index class,
 * the toolkit's distance functions and serializers, and a JDK comparator. Loading rejects any other
 * class and deserializes only after the checksum has matched. A damaged or foreign file therefore
 * fails with an error before any of its objects are created.
 */
final class HnswIndexFile {

    private static final byte[] MAGIC = "RQA-HNSW".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "RQA-END\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int TRAILER_BYTES = 3 * Long.BYTES + END.length;
    private static final int MAX_ID_BYTES = 1 << 20;

    /** Classes a saved graph may contain; everything else is rejected before it is instantiated. */
    private static final ObjectInputFilter ALLOWED_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=16;"
                    + "com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;"
                    + "dev.rqa.index.SquaredEuclideanDistance;"
                    + "dev.rqa.index.InnerProductDistance;"
                    + "dev.rqa.index.PassageIdSerializer;"
                    + "dev.rqa.index.IndexedVectorSerializer;"
                    + "java.util.Comparators$NaturalOrderComparator;"
                    + "java.lang.Enum;"
                    + "!*");

    private HnswIndexFile() {
    }

    static void write(Path path, HnswPassageIndex index) throws IOException {
        AtomicFiles.write(path, out -> {
            ChecksumOutputStream checked = new ChecksumOutputStream(out);
            DataOutputStream header = new DataOutputStream(checked);
            header.write(MAGIC);
            header.writeInt(VERSION);
            header.writeUTF(index.similarity().name());
            header.writeUTF(index.space().name());
            header.writeInt(index.dim());
            header.writeFloat(index.maxNorm());
            header.writeInt(index.options().m());
            header.writeInt(index.options().efConstruction());
            header.writeInt(index.options().ef());
            header.writeInt(index.size());
            for (String id : index.passageIds()) {
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                header.writeInt(bytes.length);
                header.write(bytes);
            }
            header.flush();
            long payloadOffset = checked.count();

            ObjectOutputStream payload = new ObjectOutputStream(checked);
            payload.writeObject(index.graph());
            payload.flush();
            long payloadLength = checked.count() - payloadOffset;

            DataOutputStream trailer = new DataOutputStream(out);
            trailer.writeLong(payloadOffset);
            trailer.writeLong(payloadLength);
            trailer.writeLong(checked.crc());
            trailer.write(END);
            trailer.flush();
        });
    }

    static HnswPassageIndex read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] magic = readAt(channel, 0, MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(path + " is not an rqa HNSW index file (it does not start with "
                        + "\"RQA-HNSW\"); build the index again with the toolkit");
            }
            if (size < MAGIC.length + TRAILER_BYTES) {
                throw new InvalidInputException(path + " is truncated (" + size + " bytes); build the index again");
            }

            ByteBuffer trailer = ByteBuffer.wrap(readAt(channel, size - TRAILER_BYTES, TRAILER_BYTES));
            long payloadOffset = trailer.getLong();
            long payloadLength = trailer.getLong();
            long expectedCrc = trailer.getLong();
            byte[] end = new byte[END.length];
            trailer.get(end);
            if (!Arrays.equals(end, END) || payloadOffset < MAGIC.length || payloadLength < 0
                    || payloadOffset + payloadLength != size - TRAILER_BYTES) {
                throw new InvalidInputException(path + " is truncated or incomplete: its end marker is missing "
                        + "or does not match the file size of " + size + " bytes; build the index again");
            }
            long actualCrc = crc(channel, size - TRAILER_BYTES);
            if (actualCrc != expectedCrc) {
                throw new InvalidInputException(path + " is corrupt: CRC-32 " + Long.toHexString(actualCrc)
                        + " does not match the stored " + Long.toHexString(expectedCrc)
                        + "; build the index again");
            }
            return decode(path, channel, payloadLength);
        } catch (EOFException | UTFDataFormatException e) {
            throw new InvalidInputException(path + " has a damaged header (" + e + "); build the index again", e);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("HNSW index file not found: " + path, e);
        }
    }

    private static HnswPassageIndex decode(Path path, FileChannel channel, long payloadLength)
            throws IOException {
        channel.position(0);
        InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        DataInputStream header = new DataInputStream(raw);
        header.readFully(new byte[MAGIC.length]);
        int version = header.readInt();
        if (version != VERSION) {
            throw new InvalidInputException(path + " has index format version " + version
                    + ", but this toolkit reads version " + VERSION + "; build the index again");
        }
        Similarity similarity;
        HnswSpace space;
        try {
            similarity = Similarity.valueOf(header.readUTF());
            space = HnswSpace.valueOf(header.readUTF());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path + " names an unknown similarity or space: " + e.getMessage(), e);
        }
        int dim = header.readInt();
        float maxNorm = header.readFloat();
        int m = header.readInt();
        int efConstruction = header.readInt();
        int ef = header.readInt();
        int count = header.readInt();
        if (dim < 1 || count < 0 || m < 1 || efConstruction < 1 || ef < 1) {
            throw new InvalidInputException(path + " has an invalid header (dim " + dim + ", count " + count
                    + ", M " + m + ", efConstruction " + efConstruction + ", ef " + ef + ")");
        }
        List<String> ids = new ArrayList<>(Math.min(count, 1 << 20));
        for (int i = 0; i < count; i++) {
            int length = header.readInt();
            if (length < 0 || length > MAX_ID_BYTES) {
                throw new InvalidInputException(path + " has an invalid passage id length " + length + " at row " + i);
            }
            byte[] bytes = new byte[length];
            header.readFully(bytes);
            ids.add(new String(bytes, StandardCharsets.UTF_8));
        }

        HnswIndex<String, float[], IndexedVector, Float> graph = readGraph(path, raw, payloadLength);
        int storedDim = space == HnswSpace.MIPS_EUCLIDEAN ? dim + 1 : dim;
        Class<?> expectedDistance = HnswPassageIndex.distanceFunction(space).getClass();
        if (graph.size() != count || graph.getDimensions() != storedDim
                || graph.getDistanceFunction().getClass() != expectedDistance) {
            throw new InvalidInputException(path + " is inconsistent: the header describes " + count
                    + " passages of dimension " + storedDim + " in space " + space + ", the graph holds "
                    + graph.size() + " of dimension " + graph.getDimensions() + " with "
                    + graph.getDistanceFunction().getClass().getSimpleName());
        }

        HnswOptions options = HnswOptions.defaults().withM(m).withEfConstruction(efConstruction).withEf(ef)
                .withSpace(space).withProgress(false);
        return new HnswPassageIndex(graph, List.copyOf(ids), similarity, space, dim, maxNorm, options);
    }

    @SuppressWarnings("unchecked")
    private static HnswIndex<String, float[], IndexedVector, Float> readGraph(Path path, InputStream raw,
                                                                             long payloadLength) throws IOException {
        // The toolkit's class loader can load both hnswlib and toolkit classes, even where the
        // thread's context class loader cannot, as in JShell-based notebook kernels.
        ClassLoader loader = HnswPassageIndex.class.getClassLoader();
        try {
            ObjectInputStream in = new ClassLoaderObjectInputStream(loader, new BoundedInputStream(raw, payloadLength));
            in.setObjectInputFilter(ALLOWED_CLASSES);
            Object graph = in.readObject();
            if (!(graph instanceof HnswIndex)) {
                throw new InvalidInputException(path + " does not contain an HNSW graph but "
                        + (graph == null ? "null" : graph.getClass().getName()));
            }
            return (HnswIndex<String, float[], IndexedVector, Float>) graph;
        } catch (ObjectStreamException | ClassNotFoundException | EOFException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(path + " could not be read as an HNSW graph (" + e
                    + "); it was written by an incompatible version or damaged; build the index again", e);
        }
    }

    private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static long crc(FileChannel channel, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        while (position < length) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), length - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                break;
            }
            buffer.flip();
            crc.update(buffer);
            position += read;
        }
        return crc.getValue();
    }

    /** Counts and checksums every byte written, leaving the underlying stream open. */
    private static final class ChecksumOutputStream extends FilterOutputStream {

        private final CRC32 crc = new CRC32();
        private long count;

        ChecksumOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int value) throws IOException {
            out.write(value);
            crc.update(value);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            crc.update(bytes, offset, length);
            count += length;
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        long count() {
            return count;
        }

        long crc() {
            return crc.getValue();
        }
    }

    /** Ends after {@code limit} bytes, so deserialization cannot read into the trailer. */
    private static final class BoundedInputStream extends InputStream {

        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int value = in.read();
            if (value >= 0) {
                remaining--;
            }
            return value;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(bytes, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }
}
