#!/usr/bin/env python3
"""Trunk post-build hook: finishes dist/ for static hosting.

0. Splits the wasm per screen (scripts/split_wasm.py: wasm-split-cli, wasm-bindgen, wasm-opt,
   content-hashed names, index.html's links and integrity), or, for a build without the
   `split` feature, runs the wasm-opt pass Trunk skips. One hook runs all steps in order: Trunk
   runs hooks of one stage concurrently, and the steps below must see the split's files.
   Then fills in the loading shell's texts (scripts/shell.py: from the plan's data and the
   UI's string tables), and joins the stylesheets into one inline <style> (scripts/bundle_css.py).
1. Copies in the measures' texts files that build.rs left next to the wasm (the app fetches
   one when a screen first needs the texts), and names the shown plan's in the shell's script
   (`data-texts-file`: a library page opened cold preloads it).
2. Adds a strict Content-Security-Policy <meta> whose script-src carries the sha256 of each
   inline script: the module script Trunk writes (it changes with every build's file hashes)
   and the loading shell's; its style-src, that of the inline stylesheet; then writes index.html.
3. Writes sw.js: the service worker, with the precache list of every file of this build
   (each marked content-hashed or not, so that the worker reuses what the page fetched) and a
   cache version derived from their contents, so a new deploy replaces the old cache.

Runs on Trunk's staging dir (TRUNK_STAGING_DIR), or on a finished dist given as the first
argument (the offline test re-runs it to simulate a new deploy). Standard library only.
"""

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The helper modules beside this script (split_wasm.py, shell.py), without __pycache__ in scripts/.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True

staging = Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"


def cargo_profile_dir():
    """Where cargo left the web build's output (the raw wasm, the measures' texts)."""
    target = os.environ.get("CARGO_TARGET_DIR")
    if not target:
        try:
            meta = subprocess.run(
                ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
                cwd=os.environ.get("TRUNK_SOURCE_DIR") or ".",
                capture_output=True, text=True, check=True,
            )
            target = json.loads(meta.stdout)["target_directory"]
        except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as e:
            sys.exit(f"post-build: cannot find cargo's target directory: {e}")
    return Path(target) / "wasm32-unknown-unknown" / os.environ.get("TRUNK_PROFILE", "release")


# 0. The split -------------------------------------------------------------------------
if os.environ.get("TRUNK_STAGING_DIR"):
    import split_wasm

    split_wasm.finish(staging, cargo_profile_dir(), os.environ.get("TRUNK_PROFILE", "release") == "release")

html = index.read_text(encoding="utf-8")

# 0. The loading shell's texts, from the plan's data and the UI's string tables (scripts/shell.py).
import shell  # noqa: E402

try:
    html = shell.fill(html)
except (shell.ShellError, OSError, KeyError, ValueError) as e:
    sys.exit(f"post-build: the loading shell: {e}")

# 0. One inline stylesheet instead of one file per style/*.css (scripts/bundle_css.py): each
# costs the first paint a request on a phone's line. A finished dist has it already, and is left
# as it is.
import bundle_css  # noqa: E402

try:
    html = bundle_css.bundle(staging, html)
except (bundle_css.BundleError, OSError, UnicodeDecodeError) as e:
    sys.exit(f"post-build: joining the stylesheets: {e}")

# 1. The measures' texts ------------------------------------------------------------------
# build.rs splits the measures' full texts off the embedded plan into a file of their own that
# the app fetches when a screen needs it (src/engine/measure_texts.rs), and leaves it next to the
# wasm, named in `measure-texts.current` (one per plan). As a Trunk hook, copy it in (before the precache list
# below, which then covers it). Run on a finished dist (the offline test), it is already there.
if os.environ.get("TRUNK_STAGING_DIR"):
    profile_dir = cargo_profile_dir()
    pointer = profile_dir / "measure-texts.current"
    if not pointer.exists():
        sys.exit(f"post-build: {pointer} is missing: build.rs writes it when the data changes; touch a data/plans/*/plan.toml and build again")
    # One file per plan (build.rs embeds every folder under data/plans/): "<file> <plan folder>"
    # a line.
    lines = [line.split(" ", 1) for line in pointer.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        sys.exit(f"post-build: {pointer} names no file: touch a data/plans/*/plan.toml and build again")
    texts_of = {}
    for line in lines:
        name = line[0]
        if len(line) != 2 or not re.fullmatch(r"measure-texts-[0-9a-f]{16}\.json", name) or not (profile_dir / name).exists():
            sys.exit(f"post-build: {pointer} names {name!r}, which is not there: touch a data/plans/*/plan.toml and build again")
        shutil.copyfile(profile_dir / name, staging / name)
        texts_of[line[1]] = name
    # The loading shell preloads the shown plan's texts for a library page opened cold.
    shown = shell.shown_folder()
    if shown not in texts_of:
        sys.exit(f"post-build: {pointer} has no texts for the plan the shell shows ({shown}): touch a data/plans/*/plan.toml and build again")
    html, count = re.subn(r'data-texts-file="[^"]*"', f'data-texts-file="./{texts_of[shown]}"', html)
    if count != 1:
        sys.exit(f"post-build: index.html should have one data-texts-file attribute (the shell's script), found {count}")

# 2. CSP --------------------------------------------------------------------------------
# Every inline script is allowed by its hash: Trunk's module script (it changes with every
# build's file hashes) and the loading shell's (index.html).
if len(re.findall(r"<script type=\"module\">(.*?)</script>", html, flags=re.S)) != 1:
    sys.exit("post-build: expected exactly one inline module script (Trunk's) in index.html")
inline = [body for attrs, body in re.findall(r"<script(\s[^>]*)?>(.*?)</script>", html, flags=re.S) if "src=" not in (attrs or "")]


def csp_digests(bodies):
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'" for body in bodies
    )


digests = csp_digests(inline)
# The stylesheet is inline too (step 0); nothing else may style the page but files of its own.
style_digests = csp_digests(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
csp = "; ".join(
    [
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {digests}",
        f"style-src 'self' {style_digests}".rstrip(),
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
)
meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}" />'
if "Content-Security-Policy" in html:
    html = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", meta, html)
else:
    html = html.replace("<meta charset=\"utf-8\" />", "<meta charset=\"utf-8\" />\n    " + meta, 1)
index.write_text(html, encoding="utf-8")

# 3. Service worker -----------------------------------------------------------------------
# A content-hashed name (`…_bg.wasm`, a chunk, build.rs's measure texts): its
# content never changes, so the worker may take the copy the page already fetched. Trunk's hash
# has no fixed length. Any other file is revalidated by the worker (public/sw.template.js).
CONTENT_HASHED = re.compile(r"-[0-9a-f]{6,}(?:_bg)?\.[A-Za-z0-9]+$")
template = Path(__file__).resolve().parent.parent / "public" / "sw.template.js"
if template.exists():
    files = sorted(
        p.relative_to(staging).as_posix()
        for p in staging.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.startswith(".")
    )
    version = hashlib.sha256()
    for name in files:
        version.update(name.encode())
        version.update(hashlib.sha256((staging / name).read_bytes()).digest())
    # index.html is precached as "./", the URL the page was fetched by (navigations are answered
    # with it); under its own name it would be a second download of the same bytes.
    precache = [["./", False]] + [[f"./{name}", bool(CONTENT_HASHED.search(name))] for name in files if name != "index.html"]
    sw = template.read_text(encoding="utf-8")
    sw = sw.replace("__PRECACHE__", json.dumps(precache)).replace("__VERSION__", version.hexdigest()[:16])
    (staging / "sw.js").write_text(sw, encoding="utf-8")
