# nbconvert configuration written by the rqa notebook runner (dev.rqa.report.jupyter.NotebookRunner).
#
# It adds nbclient hooks (nbclient 0.6 and later) that print one tab-separated line per event to
# stderr, so the runner can name the cell that was running when a notebook failed:
#   [rqa-progress] kernel-ready
#   [rqa-progress] cell-start  <index>
#   [rqa-progress] cell-done   <index>  <status>
#   [rqa-progress] cell-error  <index>  <ename>  <summary>
# where <summary> is the first non-empty line of the error's traceback without ANSI colour codes
# (for Java kernels the exception class and message), or "<ename>: <evalue>" without a traceback.
# <index> is the position of the cell in the notebook, counting from 0 and including markdown cells.

import re
import sys

PREFIX = "[rqa-progress]"
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _emit(*fields):
    text = "\t".join(str(field).replace("\t", " ").replace("\n", " ") for field in fields)
    print(PREFIX + "\t" + text, file=sys.stderr, flush=True)


def _kernel_ready(notebook=None, **kwargs):
    _emit("kernel-ready")


def _cell_start(cell=None, cell_index=None, **kwargs):
    _emit("cell-start", cell_index)


def _cell_done(cell=None, cell_index=None, execute_reply=None, **kwargs):
    content = (execute_reply or {}).get("content", {})
    _emit("cell-done", cell_index, content.get("status", "unknown"))


def _error_summary(content):
    for entry in content.get("traceback") or []:
        for line in ANSI_ESCAPE.sub("", str(entry)).splitlines():
            if line.strip():
                return line.strip()
    value_lines = str(content.get("evalue", "")).strip().splitlines()
    return "%s: %s" % (content.get("ename", "error"), value_lines[0] if value_lines else "")


def _cell_error(cell=None, cell_index=None, execute_reply=None, **kwargs):
    content = (execute_reply or {}).get("content", {})
    _emit("cell-error", cell_index, content.get("ename", "error"), _error_summary(content))


c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)
c.ExecutePreprocessor.on_notebook_start = _kernel_ready
c.ExecutePreprocessor.on_cell_execute = _cell_start
c.ExecutePreprocessor.on_cell_executed = _cell_done
c.ExecutePreprocessor.on_cell_error = _cell_error
