"""Fills in the loading shell of index.html (src/ui/shell.rs) at build time.

The shell's texts are written nowhere twice: the plan's title, status label and dates come from
the plan's plan.toml, the app's name, the start screen's title, lead, "Valid" and notes from their
`ui_strings!` tables in the Rust sources, and the shell's own lines (ended, loading) from
`ShellText` in src/ui/shell.rs. Used by scripts/post-build.py; standard library only.

`python3 scripts/shell.py [STATUS ...]` prints the texts and, for each STATUS, whether the shell
counts it as a draft, as JSON: tests/shell_texts.rs checks both against the app's own code.
"""

import datetime
import html
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The plan the app starts with (the one in force today).
PLAN = ROOT / "data" / "plans" / "qinzhou-yixianyiye-2023-2025" / "plan.toml"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


class ShellError(Exception):
    pass


def ui_string(source: str, key: str) -> tuple[str, str]:
    """The (Chinese, English) pair of `Key => ("…", "…")` in a `ui_strings!` table."""
    text = (ROOT / source).read_text(encoding="utf-8")
    literal = r'"((?:[^"\\]|\\.)*)"'
    match = re.search(rf"\b{key}\s*=>\s*\(\s*{literal}\s*,\s*{literal}\s*,?\s*\)", text)
    if not match:
        raise ShellError(f"{source}: no ui string {key} => (\"…\", \"…\")")
    unescape = lambda s: s.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    return unescape(match.group(1)), unescape(match.group(2))


def is_draft(meta: dict) -> bool:
    """Whether the plan is still a draft, from its [meta] `status`: as `Meta::is_draft`
    (src/engine/policy.rs), any status other than `final` / `in_force` is. The one place the
    shell decides this: when the statuses get a table of their own (e.g. data/statuses.toml with
    `is_draft` per status), read it here, as the engine will."""
    return meta.get("status") not in ("final", "in_force")


def nav_labels() -> list[tuple[str, str]]:
    """The main navigation's labels, in the order of `nav_items()` in src/ui/layout.rs."""
    text = (ROOT / "src/ui/layout.rs").read_text(encoding="utf-8")
    body = re.search(r"fn nav_items\(\)[^{]*\{(.*?)\n\}", text, flags=re.S)
    keys = re.findall(r"Frame::(\w+)\)", body.group(1)) if body else []
    if not keys:
        raise ShellError("src/ui/layout.rs: no nav_items() with (Route, Frame::…) pairs")
    return [ui_string("src/ui/layout.rs", key) for key in keys]


def date_text(day: datetime.date, lang: str) -> str:
    """As engine::period::date_text: 2025年12月31日 / 31 December 2025."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def texts() -> dict[str, str]:
    """Every placeholder's text, unescaped."""
    meta = tomllib.loads(PLAN.read_text(encoding="utf-8"))["meta"]
    try:
        valid_from, valid_to = (datetime.date.fromisoformat(str(meta[k])) for k in ("valid_from", "valid_to"))
    except (KeyError, ValueError) as e:
        raise ShellError(f"{PLAN}: [meta] valid_from and valid_to must be dates (YYYY-MM-DD): {e}")
    app_name = ui_string("src/ui/layout.rs", "AppName")
    title = ui_string("src/ui/screens/home.rs", "Title")
    valid = ui_string("src/ui/screens/home.rs", "Valid")
    lead = ui_string("src/ui/screens/home.rs", "Lead")
    draft_note = ui_string("src/ui/screens/home.rs", "DraftNote")
    private = ui_string("src/ui/screens/home.rs", "Private")
    draft = is_draft(meta)
    nav = nav_labels()
    ended = ui_string("src/ui/shell.rs", "Ended")
    loading = ui_string("src/ui/shell.rs", "Loading")
    out = {"VALID_TO": valid_to.isoformat()}
    for i, lang in enumerate(["zh", "en"]):
        up = lang.upper()
        # As the start screen's badge (screens/home.rs): "征求意见稿 · 有效期 2023–2025".
        status = f"{meta['status_label'][lang]} · {valid[i]} {valid_from.year}–{valid_to.year}"
        out[f"APP_NAME_{up}"] = app_name[i]
        out[f"TITLE_{up}"] = title[i]
        out[f"STATUS_{up}"] = status
        out[f"LEAD_{up}"] = lead[i]
        # The start screen's words after the badge: the draft note (for a draft) and privacy.
        out[f"STATUS_NOTE_{up}"] = " ".join(([draft_note[i]] if draft else []) + [private[i]])
        out[f"ENDED_{up}"] = ended[i].replace("{title}", meta["title"][lang]).replace("{end}", date_text(valid_to, lang))
        out[f"LOADING_{up}"] = loading[i]
        # Raw HTML (each label escaped here): the navigation's row, as the app's, unlinked.
        out[f"NAV_{up}"] = "".join(f"<span>{html.escape(label[i])}</span>" for label in nav)
    return out


def fill(page: str) -> str:
    """index.html with every %%NAME%% placeholder filled (escaped for HTML; the NAV_ ones are
    HTML already, their labels escaped). A page without placeholders (already filled: post-build
    re-run on a finished dist) is returned as it is."""
    values = texts()

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise ShellError(f"index.html: unknown shell placeholder %%{name}%%")
        if name.startswith("NAV_"):
            return values[name]
        return html.escape(values[name], quote=True)

    return re.sub(r"%%([A-Z_]+)%%", one, page)


if __name__ == "__main__":
    try:
        report = {"texts": texts(), "is_draft": {status: is_draft({"status": status}) for status in sys.argv[1:]}}
    except (ShellError, OSError, KeyError, ValueError) as e:
        sys.exit(f"shell.py: {e}")
    print(json.dumps(report, ensure_ascii=False, indent=1))
