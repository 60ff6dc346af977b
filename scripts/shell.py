"""Fills in the loading shell of index.html (src/ui/shell.rs) at build time.

The shell's texts are written nowhere twice: the plan's title, status label and dates come from
the plan's plan.toml and data/statuses.toml, the app's name, the start screen's title, lead, "Period" and notes, and the
results screen's heading and plan notice, from their `ui_strings!` tables in the Rust sources, and the shell's own lines (ended, loading) from
`ShellText` in src/ui/shell.rs. Used by scripts/post-build.py; standard library only.

`python3 scripts/shell.py [--today YYYY-MM-DD] [STATUS ...]` prints the plan shown, the texts and,
for each STATUS, whether the shell counts it as a draft, as JSON: tests/shell_texts.rs checks
them against the app's own code.
"""

import datetime
import html
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
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


def statuses() -> dict[str, dict]:
    """data/statuses.toml by id: each status's label and whether it is a draft."""
    path = DATA / "statuses.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("statuses", [])
    return {str(entry.get("id")): entry for entry in table}


def is_draft(meta: dict, known: dict[str, dict]) -> bool:
    """As `Meta::is_draft` (src/engine/policy.rs): the status's `is_draft` in
    data/statuses.toml; a status the table does not know counts as a draft."""
    status = known.get(str(meta.get("status", "")))
    return bool(status.get("is_draft", True)) if status else True


def status_label(meta: dict, known: dict[str, dict]) -> dict:
    """As `Policy::resolve_status`: the plan's own label, else its status's."""
    own = meta.get("status_label") or {}
    if own.get("zh") or own.get("en"):
        return own
    return (known.get(str(meta.get("status", ""))) or {}).get("label", {"zh": "", "en": ""})


def plans() -> list[tuple[Path, dict]]:
    """Every plan folder under data/plans/ (a folder with plan.toml) and its [meta]."""
    out = []
    for plan in sorted((DATA / "plans").glob("*/plan.toml")):
        meta = tomllib.loads(plan.read_text(encoding="utf-8")).get("meta", {})
        try:
            for key in ("valid_from", "valid_to"):
                meta[key] = datetime.date.fromisoformat(str(meta[key]))
        except (KeyError, ValueError) as e:
            raise ShellError(f"{plan}: [meta] valid_from and valid_to must be dates (YYYY-MM-DD): {e}")
        out.append((plan, meta))
    if not out:
        raise ShellError(f"{DATA / 'plans'}: no plan folder with a plan.toml")
    return out


def version_key(version: str) -> list[int]:
    return [int(part) if part.strip().isdigit() else 0 for part in str(version).split(".")]


def shown_plan(today: datetime.date, known: dict[str, dict]) -> tuple[Path, dict]:
    """As `Plans::default_plan` (src/engine/plans.rs), on the build's day: the plan in force
    (an issued one before a draft, then the newer), else the plan that ended last, else the
    first."""
    every = plans()
    precedence = lambda pm: (not is_draft(pm[1], known), pm[1]["valid_from"], version_key(pm[1].get("data_version", "")))
    in_force = [pm for pm in every if pm[1]["valid_from"] <= today <= pm[1]["valid_to"]]
    if in_force:
        return max(in_force, key=precedence)
    ended = [pm for pm in every if pm[1]["valid_to"] < today]
    if ended:
        return max(ended, key=lambda pm: (pm[1]["valid_to"], precedence(pm)))
    return every[0]


def shown_folder(today: datetime.date | None = None) -> str:
    """The folder name (under data/plans/) of the plan the shell shows on `today`."""
    plan, _ = shown_plan(today or datetime.date.today(), statuses())
    return plan.parent.name


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


def status_meaning(meta: dict, known: dict[str, dict]) -> dict:
    """As `Policy::resolve_status`: the status's meaning in data/statuses.toml."""
    return (known.get(str(meta.get("status", ""))) or {}).get("meaning") or {}


def period_notice(meta: dict, known: dict[str, dict], state: str, lang: str) -> str:
    """As `engine::period::plan_period_notice`, for `state` "ended", "running" or
    "not_started" (the shell's script decides which on the visitor's today): what the document
    is, then its period. tests/shell_texts.rs checks it against the engine on days of each."""
    label = status_label(meta, known).get(lang, "")
    # ASCII lowercasing only, as the engine's `to_ascii_lowercase`.
    lowered = "".join(c.lower() if c.isascii() else c for c in label)
    meaning = status_meaning(meta, known).get(lang, "")
    zh = lang == "zh"
    if is_draft(meta, known):
        status = f"本方案是{label}，不是正式文件。" if zh else f"The plan is a {lowered}, not a final document."
    elif meaning:
        status = meaning
    else:
        status = f"本方案为{label}。" if zh else f"The plan's status: {lowered}."
    start, end_day = meta["valid_from"], meta["valid_to"]
    if start.year <= end_day.year:
        years = f"{start.year}—{end_day.year}年" if zh else f"{start.year}–{end_day.year}"
    else:
        years = "未注明" if zh else "not stated"
    end = date_text(end_day, lang)
    period = {
        ("ended", True): f"方案期限为{years}，已于{end}结束：是否仍受理申请，由各项措施的牵头单位决定，请先向牵头单位咨询。",
        ("ended", False): f"Its period, {years}, ended on {end}: whether claims are still accepted is for each measure's lead unit to say, so ask the lead unit first.",
        ("not_started", True): f"方案期限为{years}，尚未开始。",
        ("not_started", False): f"Its period, {years}, has not started.",
        ("running", True): f"方案期限为{years}（至{end}）。",
        ("running", False): f"Its period is {years} (until {end}).",
    }[(state, zh)]
    return f"{status}{period}" if zh else f"{status} {period}"


def applicants() -> list[tuple[str, tuple[str, str]]]:
    """Every applicant type, in the order of `ApplicantType::ALL` (src/engine/profile.rs): its id
    (`fn id`) and its (Chinese, English) label (`fn label`)."""
    text = (ROOT / "src/engine/profile.rs").read_text(encoding="utf-8")
    order = re.search(r"pub const ALL: \[ApplicantType; \d+\] = \[(.*?)\];", text, flags=re.S)
    id_body = re.search(r"pub fn id\(self\)[^{]*\{(.*?)\n    \}", text, flags=re.S)
    label_body = re.search(r"pub fn label\(self, lang: Lang\)[^{]*\{(.*?)\n    \}", text, flags=re.S)
    if not (order and id_body and label_body):
        raise ShellError("src/engine/profile.rs: no ApplicantType::ALL, fn id or fn label")
    ids = dict(re.findall(r'ApplicantType::(\w+) => "([^"]+)"', id_body.group(1)))
    labels = {name: (zh, en) for name, zh, en in re.findall(
        r'ApplicantType::(\w+) => \{?\s*\("([^"]*)",\s*"([^"]*)"\)', label_body.group(1))}
    out = []
    for name in re.findall(r"ApplicantType::(\w+)", order.group(1)):
        if name not in ids or name not in labels:
            raise ShellError(f"src/engine/profile.rs: ApplicantType::{name} has no id or label")
        out.append((ids[name], labels[name]))
    return out


def industry_matters(folder: Path) -> dict[str, bool]:
    """As `industry_matters` (src/ui/screens/home.rs), for each applicant type id: whether one of
    its incentives tests the featured industry, belongs to a measure that names industries or
    has a parameter by industry, or a measure for it names industries. An HR agency, say, is
    not asked for an industry. tests/shell_texts.rs checks it against the app's function."""
    incentives = tomllib.loads((folder / "incentives.toml").read_text(encoding="utf-8")).get("incentives", [])
    measures = [m for path in sorted((folder / "measures").glob("*.toml"))
                for m in tomllib.loads(path.read_text(encoding="utf-8")).get("measures", [])]
    names_industries = {str(m.get("number")) for m in measures if m.get("industries")}

    def tests_industry(test: dict) -> bool:
        kind = test.get("kind")
        return kind == "featured_industry" or (kind == "any_of" and any(tests_industry(t) for t in test.get("tests", [])))

    def matters(id: str) -> bool:
        for incentive in incentives:
            if id not in incentive.get("applicants", []):
                continue
            if (any(tests_industry(c.get("test", {})) for c in incentive.get("conditions", []))
                    or str(incentive.get("measure")) in names_industries
                    or any(isinstance(p, dict) and p.get("by_industry") for p in incentive.get("params", {}).values())):
                return True
        return any(m.get("industries") for m in measures if id in m.get("beneficiaries", []))

    return {id: matters(id) for id, _ in applicants()}


def bilingual(pair: tuple[str, str]) -> str:
    """The shell's two-language form of a text: one span per language, the page's shown (where
    the app has one span, these are two in its place)."""
    zh, en = (html.escape(t) for t in pair)
    return f'<span class="shell-zh">{zh}</span><span class="shell-en" lang="en">{en}</span>'


def start_form(plan: Path) -> str:
    """The start screen's three choices (screens/home.rs, `Choices`) as the app draws them for a
    blank profile: the same elements, classes and words in both languages, so that nothing moves
    when the app takes over. Shown by the shell's script only for a first visit to `#/`; the
    choices made here are the app's once it runs (`ui::shell::keep_choices`). Begin waits for
    the app, and says so."""
    doc = tomllib.loads(plan.read_text(encoding="utf-8"))
    industries = {str(i.get("id")): i for i in doc.get("industries", [])}
    name = lambda item, lang: str((item.get("name") or {}).get(lang, ""))
    home = lambda key: ui_string("src/ui/screens/home.rs", key)

    def card(field: str, value: str, label: str, extra: str = "") -> str:
        return (f'<label class="choice card"><input type="radio" name="{field}" value="{html.escape(value, quote=True)}"{extra}>'
                f'{label}</label>')

    # As the start screen: no industry is asked of an applicant it cannot matter to (the
    # shell's script hides the group when such an applicant is chosen).
    matters = industry_matters(plan.parent)
    who = "".join(card("applicant", id, bilingual(label), "" if matters[id] else " data-no-industry")
                  for id, label in applicants())
    counties = []
    featured_in: dict[str, list[str]] = {}
    for county in doc.get("counties", []):
        # As County::featured_industries: `industry`, then `industries`.
        featured = ([county["industry"]] if county.get("industry") else []) + list(county.get("industries", []))
        for industry in featured:
            featured_in.setdefault(industry, []).append(str(county.get("id")))
        names = [[name(industries[i], lang) for i in featured if i in industries] for lang in ("zh", "en")]
        small = ["（" + "、".join(n) + "）" if n else "" for n in names]
        label = "".join(
            f'<span class="shell-{lang}"{attr}>{html.escape(name(county, lang))}<small>{html.escape(small[i])}</small></span>'
            for i, (lang, attr) in enumerate((("zh", ""), ("en", ' lang="en"'))))
        counties.append(card("county", str(county.get("id")), label))
    # As industry_choices with no county: every industry but "other", then "other". Once a
    # county is chosen, the shell's script keeps its featured ones and "other" (data-counties).
    counties_of = lambda id: html.escape(" ".join(featured_in.get(id, [])), quote=True)
    which = [card("industry", id, bilingual((name(i, "zh"), name(i, "en"))), f' data-counties="{counties_of(id)}"')
             for id, i in industries.items() if id != "other"]
    which.append(card("industry", "other", bilingual(home("Other"))))
    loading = ui_string("src/ui/shell.rs", "Loading")
    return (
        '<div class="start-form shell-start-form" data-testid="shell-start-form">'
        f'<fieldset class="choice-group" id="question-applicant"><legend>{bilingual(home("Who"))}</legend>'
        f'<div class="cards">{who}</div></fieldset>'
        '<fieldset class="choice-group" id="question-county" aria-describedby="county-hint">'
        f'<legend>{bilingual(home("Where"))}</legend><p class="hint" id="county-hint">{bilingual(home("WhereHint"))}</p>'
        f'<div class="cards">{"".join(counties)}</div></fieldset>'
        '<fieldset class="choice-group" id="question-industry" aria-describedby="industry-hint">'
        f'<legend>{bilingual(home("Which"))}</legend><p class="hint" id="industry-hint">{bilingual(home("WhichHint"))}</p>'
        f'<div class="cards">{"".join(which)}</div></fieldset>'
        f'<p class="begin"><button type="button" disabled>{bilingual(home("Begin"))}</button> '
        f'<span class="shell-begin-loading" role="status">{bilingual(loading)}</span></p>'
        '</div>'
    )


# A period of years or a date (2023–2025, 2025-12-31), as components/figures.rs finds it.
YEARS = re.compile(r"(?<![\d.,])\d{4}(?:[-–—]\d{1,4})+")


def figures_html(text: str) -> str:
    """The text escaped for HTML, each period of years or date in a `<span class="fig">` that
    does not wrap, as the app's `figures()` sets them (so lines break in the same places)."""
    return YEARS.sub(lambda m: f'<span class="fig">{m.group(0)}</span>', html.escape(text))


def results_notice(meta: dict, known: dict[str, dict]) -> str:
    """The results screen's heading and plan notice (screens/results.rs `Results`,
    results/mod.rs `PlanNotice`) as the app draws them for a profile with no applicant yet:
    the same elements, classes and words, one block per language and per state of the period
    (the shell's script shows the visitor's), so that nothing moves when the app takes over a
    cold `#/results`. Today's date is left to the shell's second script (`shell-today`).
    tests/browser/shell.test.mjs checks the text and the place against the app's."""
    notice = lambda key: ui_string("src/ui/results/mod.rs", key)
    title = ui_string("src/ui/screens/results.rs", "Title")
    label = status_label(meta, known)
    meaning = status_meaning(meta, known)
    draft = is_draft(meta, known)
    start, end = meta["valid_from"], meta["valid_to"]
    esc = html.escape
    blocks = []
    for i, lang in enumerate(("zh", "en")):
        t = lambda key: notice(key)[i]
        status = esc(label.get(lang, ""))
        if lang == "en" and label.get("zh") != label.get("en"):
            status += f' (<span lang="zh-CN">{esc(label.get("zh", ""))}</span>)'
        means = meaning.get(lang) or t("DraftNote" if draft else "FinalNote")
        period = t("PeriodRange").replace("{from}", start.isoformat()).replace("{to}", end.isoformat())
        words = {"from": date_text(start, lang), "to": date_text(end, lang)}

        def sentence(key: str) -> str:
            # {today} is the visitor's, filled in the browser; {from} and {to} in words.
            parts = [esc(part) for part in t(key).split("{today}")]
            text = f'<span class="shell-today" data-lang="{lang}"></span>'.join(parts)
            for name, value in words.items():
                text = text.replace("{" + name + "}", esc(value))
            return text

        def warning(state: str, heading: str, body: str) -> str:
            return (f'<p class="period-warning shell-if-{state}"><span class="icon" aria-hidden="true">⚠</span>'
                    # The space a text node of its own, as in the app's (the comment keeps the
                    # shell's script from joining it to the sentence).
                    f'<strong>{esc(t(heading))}</strong> <!---->{sentence(body)}</p>')

        attr = ' lang="en"' if lang == "en" else ""
        blocks.append(
            f'<div class="plan-notice shell-{lang}"{attr}>'
            f'<p class="plan-title"><cite>{figures_html(meta["title"][lang])}</cite></p>'
            f'<ul class="plan-facts"><li><strong>{esc(t("Status"))}</strong>{status} · {esc(means)}</li>'
            f'<li><strong>{esc(t("Period"))}</strong>{figures_html(period)}</li></ul>'
            + warning("ended", "Ended", "EndedBody")
            + warning("not-started", "NotStarted", "NotStartedBody")
            + f'<p class="period-ok shell-if-running">{sentence("InPeriod")}</p>'
            '</div>'
        )
    return (
        '<div class="results-screen shell-results" data-testid="shell-results">'
        f'<p class="shell-title" role="heading" aria-level="1">{bilingual(title)}</p>'
        f'<div class="shell-results-notice" data-testid="shell-plan-notice">{"".join(blocks)}</div>'
        '</div>'
    )


def texts(today: datetime.date | None = None) -> dict[str, str]:
    """Every placeholder's text, unescaped, for the plan the app shows on `today` (default: the
    build's day)."""
    known = statuses()
    plan, meta = shown_plan(today or datetime.date.today(), known)
    valid_from, valid_to = meta["valid_from"], meta["valid_to"]
    app_name = ui_string("src/ui/layout.rs", "AppName")
    title = ui_string("src/ui/screens/home.rs", "Title")
    period_word = ui_string("src/ui/screens/home.rs", "Period")
    lead = ui_string("src/ui/screens/home.rs", "Lead")
    draft_note = ui_string("src/ui/screens/home.rs", "DraftNote")
    private = ui_string("src/ui/screens/home.rs", "Private")
    draft = is_draft(meta, known)
    label = status_label(meta, known)
    nav = nav_labels()
    switch = ui_string("src/ui/layout.rs", "SwitchLanguagePrefix")
    loading = ui_string("src/ui/shell.rs", "Loading")
    failed = ui_string("src/ui/shell.rs", "Failed")
    reload = ui_string("src/ui/shell.rs", "Reload")
    out = {"VALID_FROM": valid_from.isoformat(), "VALID_TO": valid_to.isoformat(), "START_FORM": start_form(plan),
           "RESULTS": results_notice(meta, known), "MONTHS": " ".join(MONTHS), "PLAN_ID": str(meta.get("id", ""))}
    for i, lang in enumerate(["zh", "en"]):
        up = lang.upper()
        # As the start screen's badge (screens/home.rs): "征求意见稿 · 方案期限 2023–2025", each
        # part unbroken (index.html wraps each in a .badge-part).
        status_period = f"{period_word[i]} {valid_from.year}–{valid_to.year}"
        out[f"APP_NAME_{up}"] = app_name[i]
        # The language switch's accessible name begins with it, as the app's (layout.rs).
        out[f"SWITCH_LANGUAGE_{up}"] = switch[i]
        out[f"TITLE_{up}"] = title[i]
        out[f"STATUS_LABEL_{up}"] = label.get(lang, "")
        out[f"STATUS_PERIOD_{up}"] = status_period
        # As the start screen: the plan named by its title (results::format::fill).
        out[f"LEAD_{up}"] = lead[i].replace("{title}", meta["title"][lang])
        # The start screen's words after the badge: the draft note (for a draft) and privacy.
        out[f"STATUS_NOTE_{up}"] = " ".join(([draft_note[i]] if draft else []) + [private[i]])
        # The start screen's period notice (components/period.rs), one per state of the period.
        for state in ("ended", "running", "not_started"):
            out[f"NOTICE_{state.upper()}_{up}"] = period_notice(meta, known, state, lang)
        out[f"LOADING_{up}"] = loading[i]
        out[f"FAILED_{up}"] = failed[i]
        out[f"RELOAD_{up}"] = reload[i]
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
        if name.startswith("NAV_") or name in ("START_FORM", "RESULTS"):
            return values[name]
        if name.startswith(("LEAD_", "NOTICE_")):
            return figures_html(values[name])
        return html.escape(values[name], quote=True)

    return re.sub(r"%%([A-Z_]+)%%", one, page)


if __name__ == "__main__":
    args = sys.argv[1:]
    today = None
    try:
        if args[:1] == ["--today"] and len(args) > 1:
            today, args = datetime.date.fromisoformat(args[1]), args[2:]
        known = statuses()
        plan, _ = shown_plan(today or datetime.date.today(), known)
        report = {
            "plan": plan.parent.name,
            "texts": texts(today),
            "is_draft": {status: is_draft({"status": status}, known) for status in args},
        }
    except (ShellError, OSError, KeyError, ValueError) as e:
        sys.exit(f"shell.py: {e}")
    print(json.dumps(report, ensure_ascii=False, indent=1))
