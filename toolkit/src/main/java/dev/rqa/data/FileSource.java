package dev.rqa.data;

import java.util.Locale;

/** Origin of a fetched file. */
public enum FileSource {

    /** A read-only mirror directory named by {@code RQA_DATA_MIRROR} or an explicit option. */
    MIRROR,

    /** The local cache ({@code RQA_CACHE_DIR}, default {@code ~/.cache/rqa}), from an earlier download. */
    CACHE,

    /** Downloaded from the upstream URL during this call. */
    DOWNLOAD;

    /** Returns the lower-case name used in provenance records and logs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
