"""Two of nbgrader's sanitize preprocessors, fixed so that duplicated or deleted cells are graded.

nbgrader 0.9.6 fails a whole submission in two cases a learner easily causes:
- a duplicated answer or test cell: DeduplicateIds leaves an empty `nbgrader` metadata dict on the
  earlier copy, and OverwriteCells (with add_missing_cells) then fails on it with a KeyError;
- a deleted test cell whose answer cell was deleted too: OverwriteCells looks for the answer cell
  to put the test after, and fails with a KeyError.
These subclasses behave as nbgrader's do otherwise; they are configured in
`Autograde.sanitize_preprocessors` in place of nbgrader's.
"""

from __future__ import annotations

from nbgrader import preprocessors


class DeduplicateIds(preprocessors.DeduplicateIds):
    """Earlier copies of a cell become plain cells (their nbgrader metadata removed, not emptied)."""

    def preprocess(self, nb, resources):
        nb, resources = super().preprocess(nb, resources)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader") == {}:
                del cell.metadata["nbgrader"]
        return nb, resources


class OverwriteCells(preprocessors.OverwriteCells):
    """A missing test cell goes back after the nearest earlier cell of the release still present."""

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source_nb.source_cells]
        solutions = {cell.name for cell in source_nb.solution_cells}
        for grade_cell in sorted(source_nb.grade_cells, key=lambda cell: order.index(cell.name)):
            present = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in nb.cells]
            if grade_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook", grade_cell.name)
            source_cell = source_nb.source_cells[order.index(grade_cell.name)]
            restored = self.missing_cell_transform(
                source_cell, grade_cell.max_score, is_solution=grade_cell.name in solutions
            )
            earlier = [name for name in order[: order.index(grade_cell.name)] if name in present]
            nb.cells.insert(present.index(earlier[-1]) + 1 if earlier else 0, restored)
        return nb, resources
