package dev.rqa.model.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rqa.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Pickles that name Python callables other than numpy's must be rejected before anything runs. */
class RestrictedUnpicklerTest {

    @ParameterizedTest
    @CsvSource({
        "pickles/os-system.pkl, os.system",
        "pickles/builtins-eval.pkl, builtins.eval",
        "pickles/posix-system-after-array.pdparams, posix.system",
    })
    void foreignGlobalIsRejected(String fixture, String global) {
        Path file = Fixtures.path(fixture);
        String marker = Fixtures.expected().getAsJsonObject("pickle_cases")
                .getAsJsonObject(Path.of(fixture).getFileName().toString()).get("marker_file").getAsString();
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> RestrictedUnpickler.load(file));
        assertTrue(error.getMessage().contains("'" + global + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertFalse(Files.exists(Path.of(marker)), "the pickle's command ran");
    }

    @Test
    void stateDictReaderRejectsForeignGlobal() {
        Path file = Fixtures.path("pickles/posix-system-after-array.pdparams");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> PdparamsReader.read(file));
        assertTrue(error.getMessage().contains("'posix.system'"), error.getMessage());
    }

    @Test
    void protocolFiveFromBufferIsRejected() {
        // numpy pickles arrays under protocol 5 through numpy.core.numeric._frombuffer.
        byte[] pickle = ascii("\u0080\u0005cnumpy.core.numeric\n_frombuffer\n.");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(pickle));
        assertTrue(error.getMessage().contains("'numpy.core.numeric._frombuffer'"), error.getMessage());
    }

    @Test
    void instOpcodeIsRejected() {
        byte[] pickle = ascii("(S'ls'\nios\nsystem\n.");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(pickle));
        assertTrue(error.getMessage().contains("INST"), error.getMessage());
    }

    @Test
    void persistentIdIsRejected() {
        byte[] pickle = ascii("Pdata\n.");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(pickle));
        assertTrue(error.getMessage().contains("PERSID"), error.getMessage());
    }

    @Test
    void buildOnPlainObjectIsRejected() {
        // A dict followed by BUILD with a dict state: Python would update the instance __dict__.
        byte[] pickle = ascii("}}b.");
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(pickle));
        assertTrue(error.getMessage().contains("sets the state"), error.getMessage());
    }

    @Test
    void oversizedLengthFailsWithoutAllocating() {
        // BINBYTES claiming 2,000,000,000 bytes in a file of 10 bytes.
        byte[] pickle = {(byte) 0x80, 3, 'B', 0x00, (byte) 0x94, 0x35, 0x77, 'x', 'x', '.'};
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> load(pickle));
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
        assertTrue(error.getMessage().contains("2000000000"), error.getMessage());
    }

    @Test
    void allowedGlobalsLoad() {
        // Protocol 2: OrderedDict() with one item built through _codecs.encode.
        byte[] pickle = ascii("\u0080\u0002ccollections\nOrderedDict\n)R(X\u0001\u0000\u0000\u0000k"
                + "c_codecs\nencode\nX\u0001\u0000\u0000\u0000zX\u0006\u0000\u0000\u0000latin1\u0086Ru.");
        Object root = load(pickle).root();
        assertTrue(root instanceof Map<?, ?>);
        assertEquals("z", new String((byte[]) ((Map<?, ?>) root).get("k"), StandardCharsets.ISO_8859_1));
    }

    private static RestrictedUnpickler.Result load(byte[] pickle) {
        return RestrictedUnpickler.load(new ByteArrayInputStream(pickle), "test.pkl", pickle.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
