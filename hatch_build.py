"""Hatchling build hook: bundle YASGUI into web/static/vendor/yasgui/ before the wheel is built.

The /query page serves YASGUI from this package, never from a CDN. The minified files are
not in git: they come from npm (`npm ci` on the committed web/package-lock.json, which pins
@zazuko/yasgui exactly) and are copied, with a licence notice and a stamp, to
web/static/vendor/yasgui/. pyproject.toml force-includes web/static, so a wheel carries them
as kg/_data/web/static/vendor/yasgui/; an editable install uses them in place; the sdist
carries them as artifacts, so building a wheel from it needs no npm.

Fast path: when the stamp says the copied files are this lockfile's version and their hashes
still match, npm is not run at all. Without npm the build fails with a clear message, unless
KG_SKIP_WEB_ASSETS=1 (then the /query page falls back to a plain form).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE = "@zazuko/yasgui"
FILES = ("yasgui.min.js", "yasgui.min.css")
STAMP = "build-info.json"
SKIP_ENV = "KG_SKIP_WEB_ASSETS"
NPM_FLAGS = ("--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts")
NPM_TIMEOUT = 600
# npm packages web/package.json pins for other uses than YASGUI (world-atlas: the outlines that
# tools/build_world_map.py turns into kg/data/world/countries.tsv): not part of yasgui.min.js.
NOT_IN_YASGUI = ("world-atlas",)

MIT_TEXT = """\
Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


class WebAssetsError(RuntimeError):
    """The web assets cannot be built; the message says what to do."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def locked_version(web: Path) -> str:
    """The @zazuko/yasgui version pinned by web/package-lock.json."""
    lock = web / "package-lock.json"
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
        return str(data["packages"][f"node_modules/{PACKAGE}"]["version"])
    except (OSError, ValueError, KeyError) as e:
        raise WebAssetsError(f"{lock}: cannot read the locked {PACKAGE} version ({e})") from e


def assets_current(vendor: Path, version: str) -> bool:
    """True if vendor/ holds `version`'s files, unchanged since they were copied."""
    try:
        stamp = json.loads((vendor / STAMP).read_text(encoding="utf-8"))
        return stamp.get("version") == version and all(
            _sha256(vendor / name) == stamp["sha256"][name] for name in FILES) and (vendor / "LICENSE.txt").is_file()
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _installed_version(web: Path) -> str | None:
    try:
        meta = json.loads((web / "node_modules" / PACKAGE / "package.json").read_text(encoding="utf-8"))
        return str(meta["version"])
    except (OSError, ValueError, KeyError):
        return None


def npm_ci(web: Path) -> None:
    """Install exactly what web/package-lock.json pins into web/node_modules (quietly, no install scripts)."""
    npm = shutil.which("npm")
    if npm is None:
        raise WebAssetsError(
            "npm is needed to bundle YASGUI for the /query page (pinned by web/package-lock.json), "
            "but `npm` is not on PATH. Install Node.js with npm (e.g. `apt-get install npm`), or set "
            f"{SKIP_ENV}=1 to build without it (the /query page then falls back to a plain query form).")
    try:
        proc = subprocess.run([npm, "ci", *NPM_FLAGS], cwd=web, capture_output=True, text=True,
                              timeout=NPM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as e:
        raise WebAssetsError(f"`npm ci` in {web} took longer than {NPM_TIMEOUT} s; is the npm registry reachable? "
                             f"({SKIP_ENV}=1 builds without YASGUI)") from e
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise WebAssetsError(f"`npm ci` failed in {web} (exit {proc.returncode}); {SKIP_ENV}=1 builds without "
                             f"YASGUI. npm said:\n{tail}")


def licence_notice(web: Path, version: str) -> str:
    """YASGUI's MIT terms, then the licence texts of the npm packages installed with it."""
    meta = json.loads((web / "node_modules" / PACKAGE / "package.json").read_text(encoding="utf-8"))
    parts = [
        f"YASGUI ({PACKAGE} {version}, {meta.get('homepage', 'https://github.com/rdfjs/Yasgui')})\n"
        f"shipped here as {' and '.join(FILES)}, unmodified, from the npm package.\n\n"
        f"MIT License\n\nCopyright (c) {meta.get('author', 'Triply')} and contributors "
        f"({', '.join(c.get('name', '') for c in meta.get('contributors', [])) or 'Zazuko GmbH'}).\n"
        "(The npm package declares \"license\": \"MIT\" and ships no licence file; the MIT terms follow.)\n\n"
        + MIT_TEXT,
        "=" * 78 + "\nyasgui.min.js compiles in packages from its npm dependency tree (pinned by web/package-lock.json).\n"
        "Their licence texts, as shipped in each package, follow.\n",
    ]
    modules = web / "node_modules"
    for pkg_json in sorted(modules.glob("*/package.json")) + sorted(modules.glob("@*/*/package.json")):
        pkg = pkg_json.parent
        try:
            info = json.loads(pkg_json.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if info.get("name") in (PACKAGE, *NOT_IN_YASGUI):
            continue
        header = f"{info.get('name', pkg.name)} {info.get('version', '')} — {info.get('license', 'licence not declared')}"
        texts = sorted(p for p in pkg.iterdir() if p.is_file() and p.name.lower().startswith(("licen", "copying")))
        body = "\n".join(p.read_text(encoding="utf-8", errors="replace").strip() for p in texts)
        parts.append("-" * 78 + f"\n{header}\n\n{body or '(no licence file in the package)'}\n")
    return "\n".join(parts)


def build_web_assets(root: Path, log: Callable[[str], None] = print) -> Path:
    """Make sure root/web/static/vendor/yasgui/ holds the locked YASGUI; run `npm ci` only if needed."""
    web = root / "web"
    vendor = web / "static" / "vendor" / "yasgui"
    version = locked_version(web)
    if assets_current(vendor, version):
        log(f"web assets: YASGUI {version} already in {vendor.relative_to(root)}")
        return vendor
    if _installed_version(web) != version:
        log(f"web assets: npm ci ({PACKAGE} {version}) in {web}")
        npm_ci(web)
    build = web / "node_modules" / PACKAGE / "build"
    missing = [name for name in FILES if not (build / name).is_file()]
    if missing:
        raise WebAssetsError(f"{PACKAGE} {version} installed but {', '.join(missing)} missing from {build}")
    vendor.parent.mkdir(parents=True, exist_ok=True)
    # Staged under node_modules (git-ignored, never shipped) so an interrupted build leaves nothing in static/.
    staging = Path(tempfile.mkdtemp(prefix=".kg-yasgui-", dir=web / "node_modules"))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; the web server may run as another user
        for name in FILES:
            shutil.copyfile(build / name, staging / name)
        (staging / "LICENSE.txt").write_text(licence_notice(web, version), encoding="utf-8")
        stamp = {"package": PACKAGE, "version": version,
                 "sha256": {name: _sha256(staging / name) for name in FILES}}
        (staging / STAMP).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
        if vendor.exists():
            shutil.rmtree(vendor)
        try:
            staging.rename(vendor)
        except OSError:
            if not assets_current(vendor, version):  # else a concurrent build got there first
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    log(f"web assets: copied YASGUI {version} to {vendor.relative_to(root)}")
    return vendor


class WebAssetsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Runs before every wheel, editable and sdist build."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if os.environ.get(SKIP_ENV, "").strip().lower() in ("1", "true", "yes"):
            self.app.display_warning(f"web assets: {SKIP_ENV}=1, not running npm; the /query page will use its "
                                     "plain form unless YASGUI was already built")
            return
        root = Path(self.root)
        try:
            build_web_assets(root, log=self.app.display_info)
        except WebAssetsError as e:
            self.app.abort(f"newskg build: {e}")  # one clear line instead of a traceback; exits

