"""Splits the web app's wasm per screen, inside Trunk's post-build hook (scripts/post-build.py).

With the `split` feature (Trunk.toml), `lazy_screen!` (src/ui/lazy.rs) marks split points and
build.rs keeps the linker's relocations. Trunk's own wasm-bindgen output of such a build imports
the placeholder module "__wasm_split_placeholder__" and cannot run; this step replaces it:

1. wasm-split-cli on cargo's raw output (target/wasm32-unknown-unknown/<profile>/<bin>.wasm):
   the main module, one chunk per split point and shared chunks, and the loader
   (`__wasm_split.js`) that fetches and instantiates a chunk when its screen first needs it;
2. wasm-bindgen --target web on the main module (--keep-lld-exports: the chunks import the
   main module's functions, table and memory through the loader);
3. wasm-opt -Oz on the main module and every chunk (Trunk's own pass is off: index.html's
   data-wasm-opt="0");
4. content-hashed names for every file (chunk names come from source positions and the loader
   from this build, so a stale cached copy can never be taken for a new one), the loader's
   references rewritten, Trunk's js and wasm replaced in the staging dir, and index.html's
   links and `integrity` attributes updated (plus a modulepreload of the loader, so that it is
   fetched alongside the main js rather than after it);
5. the files each split needs (its chunk and the shared chunks it waits for, as the loader
   says) written into the loading shell's script as `data-split-files`: a page opened cold on
   a screen that is not in the main wasm (a hand-off link, `#/library/…`) fetches them
   alongside the main wasm instead of after it (index.html's shell script).

Without the feature (Trunk's output imports no placeholder), a release build only gets the
wasm-opt -Oz pass Trunk skipped. Standard library only.
"""

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PLACEHOLDER = "__wasm_split_placeholder__"
LOADER = "__wasm_split.js"
# The cargo binary Trunk builds (index.html: data-bin).
BIN = "qinzhou-incentives"
# Binaryen's features beyond the MVP that rustc 1.95 enables for wasm32-unknown-unknown: the
# chunks carry no target_features section, so wasm-opt is told.
WASM_OPT_FEATURES = [
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
]


def fail(message):
    sys.exit(f"post-build (split): {message}")


def run(args):
    try:
        done = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    except OSError as e:
        fail(f"cannot run {args[0]}: {e} (scripts/env.sh installs it into .tools; run ./scripts/serve or ./scripts/test once)")
    if done.returncode != 0:
        fail(f"{' '.join(str(a) for a in args)} failed:\n{done.stdout}{done.stderr}")
    return done


def short_hash(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def trunk_files(html):
    """The js and wasm Trunk's inline module script loads."""
    js = re.search(r"from '\./([^']+\.js)';", html)
    wasm = re.search(r"module_or_path: '\./([^']+_bg\.wasm)'", html)
    if not js or not wasm:
        fail("cannot find the js and wasm of Trunk's inline script in index.html")
    return js.group(1), wasm.group(1)


def set_link(html, old, new, data):
    """Renames `old` to `new` everywhere in index.html and sets the integrity of its links."""
    html = html.replace(f"./{old}", f"./{new}")
    pattern = re.compile(r'(<link[^>]*href="\./' + re.escape(new) + r'"[^>]*integrity=")[^"]*(")')
    html, count = pattern.subn(lambda m: m.group(1) + sri(data) + m.group(2), html)
    if count != 1:
        fail(f"expected one <link> with integrity for {new} in index.html, found {count}")
    return html


def wasm_opt(path):
    run(["wasm-opt", "-Oz", *WASM_OPT_FEATURES, path, "-o", path])


# The loader's two kinds of load functions (wasm-split-cli 0.2.4): a shared chunk,
#   const __chunk_7 = makeLoad(() => { … fetch(new URL("./chunk_7-….wasm", …)) … }, []);
# and a split point's, which waits for its shared chunks,
#   export const __wasm_split_load_results = wrapAsyncCb(makeLoad(() => { … "./split_results-….wasm" … }, [__chunk_7, …]));
SHARED_CHUNK = re.compile(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"')
SPLIT_POINT = re.compile(
    r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)".*?\}\s*,\s*\[([^\]]*)\]\)\)',
    re.S,
)
SPLIT_FILES_ATTR = re.compile(r'data-split-files="[^"]*"')


def split_files(loader: str) -> dict:
    """{split name: [its chunk, then every shared chunk it waits for]}, from the loader's text."""
    shared = dict(SHARED_CHUNK.findall(loader))
    files = {}
    for name, own, deps in SPLIT_POINT.findall(loader):
        needed = [own]
        for dep in (d.strip() for d in deps.split(",") if d.strip()):
            if dep not in shared:
                fail(f"the loader's {name} waits for {dep}, which it does not define")
            needed.append(shared[dep])
        files[name] = needed
    if not files:
        fail("found no split point in the loader (has wasm-split-cli's output changed?)")
    return files


def set_split_files(html: str, files: dict) -> str:
    """index.html with the shell script's data-split-files set (JSON; {} for one wasm)."""
    value = json.dumps(files, separators=(",", ":"), sort_keys=True).replace('"', "&quot;")
    html, count = SPLIT_FILES_ATTR.subn(f'data-split-files="{value}"', html)
    if count != 1:
        fail(f"index.html should have one data-split-files attribute (the shell's script), found {count}")
    return html


def finish(staging: Path, profile_dir: Path, release: bool):
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    js_name, wasm_name = trunk_files(html)
    trunk_js = (staging / js_name).read_text(encoding="utf-8")

    if PLACEHOLDER not in trunk_js:
        # One wasm (the feature is off): only the optimisation Trunk was told to skip.
        if release:
            wasm_opt(staging / wasm_name)
            html = set_link(html, wasm_name, wasm_name, (staging / wasm_name).read_bytes())
        index.write_text(set_split_files(html, {}), encoding="utf-8")
        return None

    raw = profile_dir / f"{BIN}.wasm"
    if not raw.exists():
        fail(f"{raw} is missing: cargo's output is split, not Trunk's")
    with tempfile.TemporaryDirectory(prefix="split-", dir=profile_dir) as tmp:
        work = Path(tmp)
        split_dir, bound_dir = work / "split", work / "bound"
        # 1. The split: main.wasm, the chunks and the loader.
        run(["wasm-split-cli", "--target", "web", "--out-name", "main", raw, split_dir])
        loader_path = split_dir / LOADER
        if not (split_dir / "main.wasm").exists() or not loader_path.exists():
            fail(f"wasm-split-cli wrote no main.wasm or {LOADER} in {split_dir}")
        # 2. The main module's JS bindings.
        run([
            "wasm-bindgen", "--target", "web", "--no-typescript", "--no-demangle",
            "--keep-lld-exports", "--out-dir", bound_dir, split_dir / "main.wasm",
        ])
        main_js = (bound_dir / "main.js").read_text(encoding="utf-8")
        main_wasm = bound_dir / "main_bg.wasm"
        if PLACEHOLDER in main_js:
            fail("the split main module still imports the placeholder module")
        # 3. Optimise every module.
        wasm_opt(main_wasm)
        chunks = sorted(p for p in split_dir.glob("*.wasm") if p.name != "main.wasm")
        for chunk in chunks:
            wasm_opt(chunk)

        # 4. Names by content. Chunks first (the loader names them), then one hash over the
        # main module, its JS and the loader for the three files that name each other.
        loader = loader_path.read_text(encoding="utf-8")
        renamed = {}
        for chunk in chunks:
            data = chunk.read_bytes()
            name = f"{chunk.stem}-{short_hash(data)}.wasm"
            reference = f'"./{chunk.name}"'
            if reference not in loader:
                fail(f"the loader does not name {chunk.name}")
            loader = loader.replace(reference, f'"./{name}"')
            renamed[chunk] = name
        build = short_hash(main_wasm.read_bytes(), main_js.encode(), loader.encode())
        new_js, new_wasm, new_loader = f"{BIN}-{build}.js", f"{BIN}-{build}_bg.wasm", f"split-loader-{build}.js"

        if 'from "./main.js"' not in loader:
            fail("the loader does not import ./main.js")
        loader = loader.replace('from "./main.js"', f'from "./{new_js}"')
        # Only the import statement names the loader's file: the same string is also a key of
        # the wasm's import object, which must stay as it is.
        imports = re.compile(r"""from (['"])\./__wasm_split\.js\1""")
        # (wasm-bindgen writes one import statement per import of the module, all the same.)
        main_js, count = imports.subn(f"from './{new_loader}'", main_js)
        if count == 0:
            fail(f"the main JS does not import {LOADER}")
        main_js = main_js.replace("'main_bg.wasm'", f"'{new_wasm}'")

        # Into the staging dir, in place of Trunk's two files.
        (staging / js_name).unlink()
        (staging / wasm_name).unlink()
        (staging / new_js).write_text(main_js, encoding="utf-8")
        shutil.copyfile(main_wasm, staging / new_wasm)
        (staging / new_loader).write_text(loader, encoding="utf-8")
        for chunk, name in renamed.items():
            shutil.copyfile(chunk, staging / name)

    html = set_link(html, js_name, new_js, main_js.encode())
    html = set_link(html, wasm_name, new_wasm, (staging / new_wasm).read_bytes())
    preload = (
        f'<link rel="modulepreload" href="./{new_loader}" crossorigin="anonymous" '
        f'integrity="{sri(loader.encode())}">'
    )
    html = html.replace("</head>", preload + "</head>", 1)
    html = set_split_files(html, split_files(loader))
    index.write_text(html, encoding="utf-8")
    return {"js": new_js, "wasm": new_wasm, "loader": new_loader, "chunks": sorted(renamed.values())}


if __name__ == "__main__":
    # By hand, on a staging dir and cargo's profile dir: split_wasm.py DIST PROFILE_DIR
    print(json.dumps(finish(Path(sys.argv[1]), Path(sys.argv[2]), True), indent=2))
