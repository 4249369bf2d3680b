package dev.rqa.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests of files, written as 64 lower-case hex digits like {@code sha256sum} prints them. */
public final class Sha256 {

    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /** Returns a fresh SHA-256 message digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest contract).
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Computes the digest of a whole file. */
    public static String of(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to compute its SHA-256", e);
        }
        return hex(digest);
    }

    /** Formats a finished digest as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Returns whether a string is a well-formed lower-case SHA-256 hex digest. */
    public static boolean isHexDigest(String value) {
        return value != null && HEX_DIGEST.matcher(value).matches();
    }
}
