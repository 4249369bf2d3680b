package dev.rqa.data;

import java.util.List;
import java.util.Objects;

/**
 * A registered dataset described as data: its files, how to read them, and facts for listings.
 *
 * @param name        name used in specs and reports, for example {@code cmrc2018}
 * @param description one-line summary
 * @param license     license of the data files
 * @param homepage    where the data is published
 * @param format      reader that turns the files into a dataset
 * @param files       files to fetch, all of which form the corpus
 * @param queryFiles  names of the files (among {@code files}) whose questions become queries
 * @param passages    expected number of passages, shown in listings and checked after loading; 0 if unknown
 * @param queries     expected number of queries, shown in listings and checked after loading; 0 if unknown
 */
public record DatasetDefinition(String name, String description, String license, String homepage,
                                Format format, List<RemoteFile> files, List<String> queryFiles,
                                int passages, int queries) {

    /** File format of a registered dataset, which selects its reader. */
    public enum Format {
        /** SQuAD v1 JSON, read by {@link SquadReader}. */
        SQUAD_V1
    }

    public DatasetDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        files = List.copyOf(files);
        queryFiles = List.copyOf(queryFiles);
        for (String queryFile : queryFiles) {
            if (files.stream().noneMatch(file -> file.fileName().equals(queryFile))) {
                throw new IllegalArgumentException("query file " + queryFile + " of " + name + " is not one of its files");
            }
        }
    }

    /** Returns the total size of the files in bytes, or -1 when any size is unknown. */
    public long totalBytes() {
        long total = 0;
        for (RemoteFile file : files) {
            if (file.size() < 0) {
                return -1;
            }
            total += file.size();
        }
        return total;
    }
}
