"""Keep hidden tests out of the tracebacks in a learner's feedback.

nbgrader's ClearHiddenTests removes the hidden lines from a test cell's source, but an error in
that cell still carries IPython's traceback, which quotes the lines around the failure: the hidden
test itself. Placed before ClearHiddenTests in `GenerateFeedback.preprocessors`, this reduces every
error in a cell with hidden tests to its name and message (the message the author wrote for the
learner), so that neither the source nor the traceback shows them.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor


class HideHiddenTestTracebacks(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        self._marker = ClearHiddenTests(config=self.config).begin_test_delimeter  # as configured, read once
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and self._marker in cell.source:
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
