package dev.rqa.index;

import dev.rqa.encode.NpyFiles;

import java.nio.file.Path;

/**
 * Loads a saved index in a fresh JVM and prints its results, one line per hit; started by
 * {@link HnswIndexFileTest}. Arguments: index file, query {@code .npy} file, k.
 */
public final class HnswSearchMain {

    private HnswSearchMain() {
    }

    public static void main(String[] args) throws Exception {
        HnswPassageIndex index = HnswPassageIndex.load(Path.of(args[0]));
        System.out.print(HnswIndexFileTest.format(index.search(NpyFiles.read(Path.of(args[1])),
                Integer.parseInt(args[2]))));
    }
}
