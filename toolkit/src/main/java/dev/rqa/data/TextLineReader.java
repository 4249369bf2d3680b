package dev.rqa.data;

import dev.rqa.InvalidInputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Reads a UTF-8 text file line by line with line numbers, and computes the SHA-256 of exactly the bytes
 * of the lines returned so far.
 *
 * <p>It reads bytes itself instead of wrapping a {@code BufferedReader}, whose read-ahead would make the
 * digest of a partly read file (the first N rows of a large collection) depend on its buffer size.
 * Lines end at {@code \n}; a trailing {@code \r} and a byte order mark on the first line are removed.
 */
final class TextLineReader implements Closeable {

    private final Path file;
    private final InputStream in;
    private final MessageDigest digest = Sha256.newDigest();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineNumber;
    private long bytesRead;
    private boolean endOfFile;

    TextLineReader(Path file) {
        this.file = file;
        try {
            this.in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the next line without its line terminator, or null at the end of the file. */
    String readLine() {
        if (endOfFile) {
            return null;
        }
        lineLength = 0;
        boolean sawBytes = false;
        while (true) {
            if (position >= limit && !fill()) {
                if (!sawBytes) {
                    endOfFile = true;
                    return null;
                }
                break;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int end = position;
            boolean foundNewline = position < limit;
            if (foundNewline) {
                position++;
            }
            digest.update(buffer, start, position - start);
            bytesRead += position - start;
            appendToLine(start, end - start);
            sawBytes = true;
            if (foundNewline) {
                break;
            }
        }
        lineNumber++;
        return decodeLine();
    }

    /** Returns the 1-based number of the line returned last. */
    long lineNumber() {
        return lineNumber;
    }

    /** Returns {@code file:line} of the line returned last, for error messages. */
    String location() {
        return file + ":" + lineNumber;
    }

    Path file() {
        return file;
    }

    /** Returns the number of bytes consumed by the lines returned so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** Returns whether every byte of the file has been returned. */
    boolean reachedEnd() {
        if (endOfFile) {
            return true;
        }
        return position >= limit && !fill();
    }

    /** Returns the SHA-256 of the bytes consumed so far; the reader must not be used afterwards. */
    String sha256() {
        return Sha256.hex(digest);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private boolean fill() {
        try {
            int read = in.read(buffer, 0, buffer.length);
            while (read == 0) {
                read = in.read(buffer, 0, buffer.length);
            }
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " after line " + lineNumber, e);
        }
    }

    private void appendToLine(int start, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, start, line, lineLength, length);
        lineLength += length;
    }

    private String decodeLine() {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(location() + ": not valid UTF-8 (" + e.getMessage()
                    + "); convert the file to UTF-8.", e);
        }
        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text;
    }
}
