#!/usr/bin/python3
"""Write the .npy fixtures of NpyFilesTest with NumPy's own writer.

Run from the repository root with Debian's interpreter (python3-numpy):
    /usr/bin/python3 toolkit/src/test/scripts/make_npy_fixtures.py
"""
import pathlib

import numpy as np

OUT = pathlib.Path("toolkit/src/test/resources/npy")
OUT.mkdir(parents=True, exist_ok=True)

matrix = (np.arange(12, dtype=np.float32).reshape(3, 4) / 8 - 0.5)
matrix[2, 3] = -1e-30  # a value that no short decimal form round-trips by accident

np.save(OUT / "float32_3x4.npy", matrix)
np.save(OUT / "float32_bigendian_3x4.npy", matrix.astype(">f4"))
np.save(OUT / "float64_3x4.npy", matrix.astype(np.float64))
np.save(OUT / "float32_fortran_3x4.npy", np.asfortranarray(matrix))
np.save(OUT / "float32_vector_5.npy", np.arange(5, dtype=np.float32))
np.save(OUT / "float32_empty_0x4.npy", np.zeros((0, 4), dtype=np.float32))
