"""Median time to first render of each interactive element in Voilà, beside a bare ipywidgets button.

Usage: python benchmarks/element_render.py [--runs N]
Serves a scratch copy of the test fixtures with Voilà on 127.0.0.1, opens one page per element in
the system Chromium N times (a fresh browser context each time, so nothing is cached between
runs), and prints the median milliseconds from navigation start until the element is visible, and
the ratio to the bare button. Needs Chromium at /usr/bin/chromium (or COURSE_CHROMIUM).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM_ARGS  # noqa: E402
from tests.servers import VoilaServer  # noqa: E402

ELEMENTS = {
    "bare_button": (
        "import ipywidgets as w\nb = w.Button(description='Bare button')\nb.add_class('cop-bare')\nb",
        ".cop-bare",
    ),
    "scenario": ('from cop_widgets import show_scenario\nshow_scenario("fixture_walk")', ".cop-scenario .cop-choice"),
    "quiz": ('from cop_widgets import show_quiz\nshow_quiz("fixture_check")', ".cop-quiz input"),
    "conversation": (
        'from cop_widgets import show_conversation\nshow_conversation("fixture_talk")',
        ".cop-conversation .cop-choice",
    ),
    "sort": ('from cop_widgets import show_sort\nshow_sort("fixture_sort")', ".cop-sort select"),
    "reflection": (
        'from cop_widgets import show_reflection\nshow_reflection("fixture_reflection")',
        ".cop-reflection textarea",
    ),
    "progress": ("from cop_widgets import show_progress\nshow_progress()", ".cop-progress button"),
}


def write_pages(folder: Path) -> None:
    for name, (code, _css) in ELEMENTS.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(code)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        served = Path(scratch) / "served"
        shutil.copytree(ROOT / "tests" / "fixtures" / "modules", served)
        write_pages(served)
        os.chdir(ROOT)
        server = VoilaServer(Path(scratch) / "voila.log", folder=str(served))
        timings: dict[str, list[float]] = {name: [] for name in ELEMENTS}
        try:
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(
                    executable_path=os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS
                )
                for _ in range(runs):
                    for name, (_code, css) in ELEMENTS.items():
                        context = chromium.new_context()
                        page = context.new_page()
                        start = time.perf_counter()
                        page.goto(f"{server.url}/voila/render/{name}.ipynb")
                        page.wait_for_selector(css, timeout=120_000)
                        timings[name].append((time.perf_counter() - start) * 1000)
                        context.close()
                chromium.close()
        finally:
            server.stop()
    base = statistics.median(timings["bare_button"])
    print(f"{'element':<14}{'median ms':>12}{'ratio':>8}   ({runs} runs each, cold browser context)")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"{name:<14}{median:>12.0f}{median / base:>8.2f}")


if __name__ == "__main__":
    main()
