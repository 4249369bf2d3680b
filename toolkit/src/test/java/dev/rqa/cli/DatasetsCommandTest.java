package dev.rqa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsCommandTest {

    @TempDir
    Path cache;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void listShowsDatasetFilesAndForms() {
        int status = run("datasets", "--cache-dir", cache.toString());

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("cmrc2018  CMRC 2018"), out.toString());
        assertTrue(out.toString().contains("CC BY-SA 4.0"), out.toString());
        assertTrue(out.toString().contains("1,104 passages, 3,219 queries"), out.toString());
        assertTrue(out.toString().contains("cmrc2018_trial.json"), out.toString());
        assertTrue(out.toString().contains("[in mirror]"), out.toString());
        assertTrue(out.toString().contains("beir:DIR[#SPLIT]"), out.toString());
    }

    @Test
    void fetchVerifiesFromMirror() {
        int status = run("datasets", "--fetch", "cmrc2018", "--offline", "--cache-dir", cache.toString());

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("cmrc2018/cmrc2018_dev.json  mirror"), out.toString());
        assertTrue(out.toString().contains("e9ff74231f05c230c6fa88b84441ee334d97234cbb610991cd94b82db00c7f1f"),
                out.toString());
        assertTrue(out.toString().contains("cmrc2018: 1,104 passages, 3,219 queries"), out.toString());
    }

    @Test
    void fetchUnknownNameExitsWithStatusTwo() {
        int status = run("datasets", "--fetch", "nosuch", "--offline", "--cache-dir", cache.toString());

        assertEquals(RqaCli.EXIT_INVALID_INPUT, status);
        assertTrue(err.toString().contains("unknown dataset 'nosuch'"), err.toString());
    }

    @Test
    void offlineWithoutMirrorExitsWithStatusTwo() {
        int status = run("datasets", "--fetch", "cmrc2018", "--offline", "--cache-dir", cache.toString(),
                "--mirror", cache.toString());

        assertEquals(RqaCli.EXIT_INVALID_INPUT, status);
        assertTrue(err.toString().contains("https://raw.githubusercontent.com/ymcui/cmrc2018/master/"), err.toString());
    }

    private int run(String... args) {
        CommandLine commandLine = RqaCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }
}
