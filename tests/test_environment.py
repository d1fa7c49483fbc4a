"""One pinned environment: environment.yml is the list, Binder reads the same list, and the
environment the tests run in is exactly that list."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version

import yaml
from packaging.utils import canonicalize_name

from .conftest import ROOT, bin_path

sys.path.insert(0, str(ROOT / "scripts"))
from pip_pins import pip_pins  # noqa: E402

ENVIRONMENT = ROOT / "environment.yml"


def yaml_pins() -> list[str]:
    data = yaml.safe_load(ENVIRONMENT.read_text())
    return next(d["pip"] for d in data["dependencies"] if isinstance(d, dict))


def pinned() -> dict[str, str]:
    return {canonicalize_name(p.split("==")[0]): p.split("==")[1] for p in yaml_pins()}


def test_setup_reads_the_same_pins_as_conda_would():
    assert pip_pins(ENVIRONMENT.read_text()) == yaml_pins()


def test_every_package_is_pinned_exactly_and_python_is_311():
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][0-9A-Za-z.]*", p) for p in yaml_pins())
    assert "python=3.11" in yaml.safe_load(ENVIRONMENT.read_text())["dependencies"]


def test_the_stack_is_pinned_as_one_set():
    pins = pinned()
    assert pins["jupyterlab"].startswith("4.")
    assert pins["ipywidgets"].startswith("8.") and pins["jupyterlab-widgets"].startswith("3.")
    assert pins["nbgrader"].startswith("0.9.") and pins["voila"].startswith("0.5.")


def test_tests_run_in_exactly_the_pinned_environment():
    wrong = {}
    for name, wanted in pinned().items():
        try:
            got = version(name)
        except PackageNotFoundError:
            got = "missing"
        if got != wanted:
            wrong[name] = (wanted, got)
    assert wrong == {}, f"installed versions differ from environment.yml (wanted, got): {wrong}"


def test_binder_copy_is_identical():
    assert (ROOT / "binder" / "environment.yml").read_bytes() == ENVIRONMENT.read_bytes(), "run `make binder`"


def test_repo2docker_installs_from_binders_environment_file():
    done = subprocess.run(
        [bin_path("jupyter-repo2docker"), "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dockerfile = done.stdout
    assert "COPY --chown=0:0 src/binder/environment.yml ${REPO_DIR}/binder/environment.yml" in dockerfile
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "binder/environment.yml"' in dockerfile
    assert "requirements.txt" not in dockerfile, "Binder must not install a second, unpinned list"
    assert "RUN ./binder/postBuild" in dockerfile
    assert "binder/start" not in dockerfile, "no start script: postBuild installs the template and configuration"
    assert "python=3.11" in done.stderr


def test_readme_quick_start_is_the_two_make_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line.split("#")[0].strip() for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["make course", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "COURSE_REQUIRE_SYSTEM=1" in ci


def test_one_version_in_the_package_the_citation_and_the_kept_results():
    from cop_widgets.version import COURSE_VERSION

    project = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())["version"]
    assert project == citation == COURSE_VERSION, "bump pyproject.toml, CITATION.cff and widgets/version.py together"
