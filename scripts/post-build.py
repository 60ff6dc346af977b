#!/usr/bin/env python3
"""Trunk post-build hook: finishes dist/ for static hosting.

0. Splits the wasm per screen (scripts/split_wasm.py: wasm-split-cli, wasm-bindgen, wasm-opt,
   content-hashed names, index.html's links and integrity), or, for a build without the
   `split` feature, runs the wasm-opt pass Trunk skips. One hook runs all steps in order: Trunk
   runs hooks of one stage concurrently, and the steps below must see the split's files.
1. Adds a strict Content-Security-Policy <meta> whose script-src carries the sha256 of the
   one inline module script Trunk writes (it changes with every build's file hashes).
2. Copies in the measures' texts file that build.rs left next to the wasm (the app fetches it
   when a screen first needs the texts).
3. Writes sw.js: the service worker, with the precache list of every file of this build
   and a cache version derived from their contents, so a new deploy replaces the old cache.

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
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.dont_write_bytecode = True
    import split_wasm

    split_wasm.finish(staging, cargo_profile_dir(), os.environ.get("TRUNK_PROFILE", "release") == "release")

html = index.read_text(encoding="utf-8")

# 1. CSP --------------------------------------------------------------------------------
inline = re.findall(r"<script type=\"module\">(.*?)</script>", html, flags=re.S)
if len(inline) != 1:
    sys.exit(f"post-build: expected exactly one inline module script in index.html, found {len(inline)}")
digest = base64.b64encode(hashlib.sha256(inline[0].encode("utf-8")).digest()).decode()
csp = "; ".join(
    [
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}'",
        "style-src 'self'",
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

# 2. The measures' texts ------------------------------------------------------------------
# build.rs splits the measures' full texts off the embedded plan into a file of their own that
# the app fetches when a screen needs it (src/engine/measure_texts.rs), and leaves it next to the
# wasm, named in `measure-texts.current` (one per plan). As a Trunk hook, copy it in (before the precache list
# below, which then covers it). Run on a finished dist (the offline test), it is already there.
if os.environ.get("TRUNK_STAGING_DIR"):
    profile_dir = cargo_profile_dir()
    pointer = profile_dir / "measure-texts.current"
    if not pointer.exists():
        sys.exit(f"post-build: {pointer} is missing: build.rs writes it when the data changes; touch a data/plans/*/plan.toml and build again")
    # One file per plan (build.rs embeds every folder under data/plans/), a name a line.
    names = pointer.read_text(encoding="utf-8").split()
    if not names:
        sys.exit(f"post-build: {pointer} names no file: touch a data/plans/*/plan.toml and build again")
    for name in names:
        if not re.fullmatch(r"measure-texts-[0-9a-f]{16}\.json", name) or not (profile_dir / name).exists():
            sys.exit(f"post-build: {pointer} names {name!r}, which is not there: touch a data/plans/*/plan.toml and build again")
        shutil.copyfile(profile_dir / name, staging / name)

# 3. Service worker -----------------------------------------------------------------------
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
    precache = ["./"] + [f"./{name}" for name in files]
    sw = template.read_text(encoding="utf-8")
    sw = sw.replace("__PRECACHE__", json.dumps(precache)).replace("__VERSION__", version.hexdigest()[:16])
    (staging / "sw.js").write_text(sw, encoding="utf-8")
