#!/usr/bin/python3
"""Build and search C++ hnswlib (Python bindings) on vectors prepared by `rqa bench-hnsw`.

The Java side writes the exact vectors its own graph contains (after normalisation or the MIPS
transform), so both libraries index identical data in the same space. This script times the build
and one knn_query over all queries per ef value, and writes the neighbour row indices as JSON; the
Java side computes recall for both libraries with the same code.

Usage: hnswlib_reference.py BASE.npy QUERIES.npy SPACE M EF_CONSTRUCTION EF_LIST K THREADS WARMUP OUT.json
SPACE is "l2" or "ip"; EF_LIST is comma-separated. Exit status 3 means hnswlib or numpy is missing.
"""
import json
import sys
import time


def search_one(index, query, k, count):
    """Return the labels found for one query, reducing k until hnswlib can fill the result."""
    for size in range(min(k, count), 0, -1):
        try:
            labels, _ = index.knn_query(query.reshape(1, -1), k=size, num_threads=1)
            return labels[0].tolist()
        except RuntimeError:
            continue
    return []


def library_version():
    """Return the Python package version, plus the Debian package version where dpkg lists it.

    Debian's python3-hnswlib 0.6.2-2 reports 0.6.1 in its Python metadata, so both are shown.
    """
    try:
        from importlib.metadata import version
        text = version("hnswlib")
    except Exception:
        text = "(version unknown)"
    try:
        import subprocess
        debian = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-hnswlib"],
                                capture_output=True, text=True, timeout=10)
        if debian.returncode == 0 and debian.stdout:
            text += f" (Debian python3-hnswlib {debian.stdout})"
    except Exception:
        pass
    return text


def main(argv):
    try:
        import hnswlib
        import numpy as np
    except ImportError as error:
        print(f"missing Python module: {error.name}", file=sys.stderr)
        return 3

    base_path, query_path, space, m, ef_construction, ef_list, k, threads, warmup, out_path = argv
    m, ef_construction, k, threads, warmup = int(m), int(ef_construction), int(k), int(threads), int(warmup)
    ef_values = [int(value) for value in ef_list.split(",")]

    base = np.load(base_path)
    queries = np.load(query_path)
    index = hnswlib.Index(space=space, dim=base.shape[1])
    index.init_index(max_elements=base.shape[0], ef_construction=ef_construction, M=m)

    started = time.perf_counter()
    index.add_items(base, np.arange(base.shape[0]), num_threads=threads)
    build_seconds = time.perf_counter() - started

    runs = []
    for ef in ef_values:
        index.set_ef(ef)
        if warmup > 0:
            # Untimed, as on the Java side, which warms up its JIT before each timed pass.
            try:
                index.knn_query(queries[:warmup], k=min(k, base.shape[0]), num_threads=threads)
            except RuntimeError:
                pass
        started = time.perf_counter()
        try:
            labels, _ = index.knn_query(queries, k=min(k, base.shape[0]), num_threads=threads)
            seconds = time.perf_counter() - started
            rows, error = labels.tolist(), None
        except RuntimeError as failure:
            # hnswlib raises when some query reaches fewer than k elements (a poorly connected graph).
            # Search query by query, untimed, so recall can still be reported.
            seconds, error = None, str(failure)
            rows = [search_one(index, query, k, base.shape[0]) for query in queries]
        runs.append({"ef": ef, "seconds": seconds, "labels": rows, "error": error})

    result = {
        "library": "hnswlib " + library_version(),
        "build_seconds": build_seconds,
        "runs": runs,
    }
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(result, out)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 11:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
