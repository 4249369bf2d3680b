package dev.rqa.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/** Row selection on [rows, width] arrays, the gathers between packed and padded layouts. */
final class Rows {

    private Rows() {
    }

    /** Returns rows {@code index} of {@code table}, attached to the index's manager. */
    static NDArray gather(NDArray table, NDArray index) {
        return index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Returns rows {@code index} of {@code rows}, attached to the manager of {@code rows}. The index
     * value {@code rows.size(0)} selects a row of zeros.
     */
    static NDArray gatherOrZero(NDArray rows, long[] index) {
        NDManager owner = rows.getManager();
        try (NDManager local = owner.newSubManager()) {
            NDArray zero = local.zeros(new Shape(1, rows.getShape().get(1)));
            NDArray table = rows.concat(zero, 0);
            table.attach(local);
            NDArray selected = gather(table, local.create(index));
            selected.attach(owner);
            return selected;
        }
    }
}
