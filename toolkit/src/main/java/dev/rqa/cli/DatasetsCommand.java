package dev.rqa.cli;

import dev.rqa.data.DatasetDefinition;
import dev.rqa.data.DatasetRegistry;
import dev.rqa.data.DatasetSpec;
import dev.rqa.data.FetchSettings;
import dev.rqa.data.FetchedFile;
import dev.rqa.data.FileFetcher;
import dev.rqa.data.RemoteFile;
import dev.rqa.data.RetrievalDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rqa datasets}: lists the registered datasets, or fetches and verifies their files. */
@Command(name = "datasets",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the registered datasets with their files, sizes and licenses, or fetches and verifies them.",
            "Files are taken from the mirror (RQA_DATA_MIRROR), then the cache (RQA_CACHE_DIR, default"
                    + " ~/.cache/rqa), then downloaded."})
public final class DatasetsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--fetch", paramLabel = "NAME",
            description = "Fetch and verify the files of this registered dataset, then load it and print its"
                    + " counts. Repeatable.")
    private List<String> fetch = new ArrayList<>();

    @Option(names = "--mirror", paramLabel = "DIR",
            description = "Read files from DIR/<dataset>/<file> (overrides RQA_DATA_MIRROR).")
    private Path mirror;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache downloads in DIR/<dataset>/<file> (overrides RQA_CACHE_DIR).")
    private Path cacheDir;

    @Option(names = "--offline", description = "Never open a network connection (same as RQA_OFFLINE=true).")
    private boolean offline;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DatasetRegistry registry = DatasetRegistry.standard();
        FileFetcher fetcher = new FileFetcher(settings());

        if (fetch.isEmpty()) {
            list(out, registry, fetcher);
        } else {
            for (String name : fetch) {
                fetchDataset(out, registry, registry.require(name), fetcher);
            }
        }
        out.flush();
        return 0;
    }

    private FetchSettings settings() {
        FetchSettings settings = FetchSettings.fromEnvironment();
        if (mirror != null) {
            settings = settings.withMirror(mirror);
        }
        if (cacheDir != null) {
            settings = settings.withCacheDir(cacheDir);
        }
        if (offline) {
            settings = settings.withOffline(true);
        }
        return settings;
    }

    private static void list(PrintWriter out, DatasetRegistry registry, FileFetcher fetcher) {
        for (DatasetDefinition dataset : registry.datasets()) {
            out.println(dataset.name() + "  " + dataset.description());
            out.println("  license:  " + dataset.license() + " (" + dataset.homepage() + ")");
            out.println("  size:     " + String.format(Locale.ROOT, "%,d passages, %,d queries, %s in %d files",
                    dataset.passages(), dataset.queries(), formatBytes(dataset.totalBytes()), dataset.files().size()));
            out.println("  queries:  questions of " + String.join(", ", dataset.queryFiles()));
            for (RemoteFile file : dataset.files()) {
                out.println(String.format(Locale.ROOT, "  file:     %-22s %10s  sha256 %s  [%s]", file.fileName(),
                        formatBytes(file.size()), file.pinnedSha256().orElse("not pinned"), localState(file, fetcher)));
            }
            out.println();
        }
        out.println("Generic forms (a DATASET argument may also be one of these):");
        for (DatasetSpec.Form form : DatasetSpec.GENERIC_FORMS) {
            out.println(String.format(Locale.ROOT, "  %-34s %s", form.syntax(), form.description()));
        }
    }

    private static void fetchDataset(PrintWriter out, DatasetRegistry registry, DatasetDefinition dataset,
                                     FileFetcher fetcher) {
        for (FetchedFile file : registry.fetch(dataset, fetcher)) {
            out.println(String.format(Locale.ROOT, "%s/%s  %s  %s  sha256 %s  (verified)", dataset.name(),
                    file.file().fileName(), file.source().label(), file.path(), file.sha256()));
        }
        RetrievalDataset loaded = registry.load(DatasetSpec.parse(dataset.name()), fetcher);
        out.println(String.format(Locale.ROOT, "%s: %,d passages, %,d queries, %,d judged queries", loaded.name(),
                loaded.corpus().size(), loaded.queries().size(), loaded.qrels().size()));
    }

    /** Returns where a file is available without verifying it; verifying is left to --fetch. */
    private static String localState(RemoteFile file, FileFetcher fetcher) {
        if (fetcher.mirrorPath(file).isPresent()) {
            return "in mirror";
        }
        if (Files.isRegularFile(fetcher.cachePath(file))) {
            return "in cache";
        }
        return "not downloaded";
    }

    private static String formatBytes(long bytes) {
        if (bytes < 0) {
            return "unknown size";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
