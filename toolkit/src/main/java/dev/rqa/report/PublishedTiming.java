package dev.rqa.report;

import java.util.List;
import java.util.Optional;

/**
 * A published speed table: time to build an index, and time per query, per model.
 *
 * @param title                 what the table shows
 * @param device                hardware as far as the source states it
 * @param indexedPassages       passages encoded into the index
 * @param rerankedPassages      passages the cross encoder re-ranks per query
 * @param indexBuildDescription what the index build time covers
 * @param queryDescription      what the query time covers
 * @param gpuQueryMillisTypical typical time per query on a GPU, in ms
 * @param gpuQueryMillisBest    best time per query on a GPU, in ms
 * @param gpuNote               the source's GPU statement
 * @param variabilityNote       the source's caveat about fluctuation
 * @param rows                  models in published order
 * @param source                where the values were read
 */
public record PublishedTiming(String title, String device, int indexedPassages, int rerankedPassages,
                              String indexBuildDescription, String queryDescription, double gpuQueryMillisTypical,
                              double gpuQueryMillisBest, String gpuNote, String variabilityNote, List<Row> rows,
                              PublishedSource source) {

    public PublishedTiming {
        rows = List.copyOf(rows);
    }

    /**
     * A published timing row; times in seconds, with the strings the source printed.
     *
     * @param model             name as printed
     * @param size              size as printed
     * @param layers            transformer layers
     * @param hidden            hidden size
     * @param indexBuildSeconds index build time in seconds
     * @param indexBuildPrinted index build time as printed, for example "15min46s"
     * @param querySeconds      time of one query in seconds
     * @param queryPrinted      query time as printed, for example "10.04s/30条" (per 30 re-ranked passages)
     */
    public record Row(String model, String size, int layers, int hidden, double indexBuildSeconds,
                      String indexBuildPrinted, double querySeconds, String queryPrinted) {
    }

    public Optional<Row> row(String model) {
        return rows.stream().filter(row -> row.model().equalsIgnoreCase(model.strip())).findFirst();
    }

    /** Returns the index build throughput implied by a row, in passages per second. */
    public double indexPassagesPerSecond(Row row) {
        return indexedPassages / row.indexBuildSeconds();
    }

    /** Returns the table for display, with the derived index throughput and the source's caveats as notes. */
    public ResultTable toResultTable() {
        ResultTable table = ResultTable.titled(title + " (published)")
                .column("model", ColumnFormat.TEXT)
                .column("size", ColumnFormat.TEXT)
                .column("index build", ColumnFormat.SECONDS)
                .column("index build (printed)", ColumnFormat.TEXT)
                .column("index throughput", ColumnFormat.PASSAGES_PER_SECOND)
                .column("query", ColumnFormat.SECONDS)
                .column("query (printed)", ColumnFormat.TEXT);
        for (Row row : rows) {
            table.row(row.model(), row.size(), row.indexBuildSeconds(), row.indexBuildPrinted(),
                    indexPassagesPerSecond(row), row.querySeconds(), row.queryPrinted());
        }
        table.note("Device: " + device + ". Index: " + indexedPassages + " passages; " + indexBuildDescription + ".")
                .note("Query: " + queryDescription + ".")
                .note("Index throughput is derived here (passages / index build seconds); the source prints only"
                        + " the times.")
                .note(gpuNote)
                .note(variabilityNote)
                .note("Source: " + source.citation() + ".");
        return table;
    }
}
