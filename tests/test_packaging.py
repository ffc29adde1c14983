"""`pip install .` must give a working kg: the wheel carries the ontology, shapes, web assets and data."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]



@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    return next(out.glob("newskg-*.whl"))


def test_wheel_ships_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("kg/_data/ontology/kg.ttl", "kg/_data/shapes/kg.ttl", "kg/_data/web/README.md",
                   "kg/data/gazetteer/states.tsv", "kg/data/gazetteer/ATTRIBUTION.md", "kg/cli.py"):
        assert needed in names, needed
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kg = kg.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_kg_finds_its_files_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    """Unpack the wheel away from the source tree and resolve resources from there."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("from kg.resources import ontology_path, shapes_path; "
            "print(ontology_path()); print(shapes_path())")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, check=False)
    assert proc.returncode == 0, proc.stderr
    for line in proc.stdout.split():
        assert line.startswith(str(site)) and Path(line).is_file()


def test_wheel_ships_yasgui_and_the_cookbook_but_not_node_modules(wheel: Path) -> None:
    """hatch_build.py copies YASGUI from npm (web/package-lock.json); the wheel carries it, not npm's tree."""
    import json

    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    vendor = "kg/_data/web/static/vendor/yasgui/"
    for needed in ("yasgui.min.js", "yasgui.min.css", "LICENSE.txt", "build-info.json"):
        assert vendor + needed in names, needed
    assert "kg/_data/web/templates/query.html" in names and "kg/_data/web/static/query.js" in names
    cookbook = {Path(n).stem for n in names if n.startswith("kg/_data/web/cookbook/") and n.endswith(".rq")}
    assert cookbook == {p.stem for p in (ROOT / "web" / "cookbook").glob("*.rq")}
    assert not [n for n in names if "node_modules" in n or n.endswith(("package.json", "package-lock.json"))]
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/@zazuko/yasgui"]["version"]
    assert json.loads(archive.read(vendor + "build-info.json"))["version"] == locked
    assert "MIT" in archive.read(vendor + "LICENSE.txt").decode("utf-8")[:2000]
