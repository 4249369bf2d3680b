package dev.rqa.data;

import dev.rqa.InvalidInputException;

import java.nio.file.Path;

/** A file whose SHA-256 differs from the pinned digest. The message names the file, both digests and the fix. */
public final class ChecksumMismatchException extends InvalidInputException {

    private final Path file;
    private final String expected;
    private final String actual;

    ChecksumMismatchException(String message, Path file, String expected, String actual) {
        super(message);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    public Path file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
