package dev.rqa.data;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextLineReaderTest {

    @TempDir
    Path temp;

    @Test
    void stripsTerminatorsAndByteOrderMark() throws IOException {
        Path file = temp.resolve("lines.tsv");
        Files.write(file, "\uFEFFpid\ttext\r\n1\t一\n2\t二".getBytes(StandardCharsets.UTF_8));

        try (TextLineReader reader = new TextLineReader(file)) {
            assertEquals("pid\ttext", reader.readLine());
            assertEquals("1\t一", reader.readLine());
            assertEquals("2\t二", reader.readLine());
            assertNull(reader.readLine());
            assertEquals(3, reader.lineNumber());
            assertEquals(Files.size(file), reader.bytesRead());
            assertEquals(Sha256.of(file), reader.sha256());
        }
    }

    @Test
    void digestCoversOnlyLinesRead() throws IOException {
        Path file = temp.resolve("long.tsv");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append("\t段落").append(i).append('\n');
        }
        Files.writeString(file, text);
        String firstTwo = "0\t段落0\n1\t段落1\n";
        MessageDigest expected = Sha256.newDigest();
        expected.update(firstTwo.getBytes(StandardCharsets.UTF_8));

        try (TextLineReader reader = new TextLineReader(file)) {
            reader.readLine();
            reader.readLine();

            assertFalse(reader.reachedEnd());
            assertEquals(Sha256.hex(expected), reader.sha256());
        }
    }

    @Test
    void invalidUtf8NamesLine() throws IOException {
        Path file = temp.resolve("bad.tsv");
        Files.write(file, new byte[] {'o', 'k', '\n', (byte) 0xC3, '\n'});

        try (TextLineReader reader = new TextLineReader(file)) {
            reader.readLine();
            InvalidInputException error = assertThrows(InvalidInputException.class, reader::readLine);

            assertTrue(error.getMessage().startsWith(file + ":2: not valid UTF-8"), error.getMessage());
        }
    }
}
