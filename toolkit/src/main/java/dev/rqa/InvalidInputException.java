package dev.rqa;

/**
 * Bad input from the user: a malformed file, an unknown name, an impossible option value.
 *
 * <p>The message must name the file, line or value and say what to do; the command line prints it
 * without a stack trace and exits with status 2.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
