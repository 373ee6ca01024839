"""The officer's guide (docs/guide-redaction.md) cannot drift: its examples are read and checked.

- every date written with its weekday (« samedi 23 janvier », « dimanche 13 décembre 2026 ») falls
  on that day; a deliberate counter-example (« samedi 13 décembre 2026 », un dimanche) is wrong in
  the way the guide says; « dimanche matin » next to a date and time is that day, in the morning;
- every `make …` names a target of the Makefile with its variables, every `invoke …` a task with its
  options, and their values are valid (a page type `invoke new` knows, a moment `--at` reads, a
  declared screen);
- every key written `Key: value` or `Slide_…` is one of the vocabulary's (signage/core/vocabulary.py),
  with a valid date, category or screen; the misspellings the guide shows are refused, with the
  correction it says;
- the guide's sample of `make diapos` is what the command prints.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from datetime import date

import pytest
from conftest import ROOT, SAMPLE_EPOCH
from invoke import Collection

import tasks
from signage.core.moments import MomentError, parse_moment
from signage.core.vocabulary import CATEGORIES, KNOWN_KEYS, key_problem
from signage.workflow.new import KINDS

GUIDE = ROOT / "docs" / "guide-redaction.md"
TEXT = GUIDE.read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
SAMPLE_DAY = date(2026, 12, 1)  # conftest.SAMPLE_NOW: the sample content's "today"
DAY_PHRASE = re.compile(rf"\b({'|'.join(WEEKDAYS)}) (\d{{1,2}})(?:er)? ({'|'.join(MONTHS)})(?: (\d{{4}}))?"
                        rf"(?P<counter> », un ({'|'.join(WEEKDAYS)}))?")
PART_OF_DAY = re.compile(rf"\b({'|'.join(WEEKDAYS)}) (matin|après-midi|soir)\b")
ISO_MOMENT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?")
SCREENS = ("vitrine", "totem")  # pelicanconf.py's SIGNAGE_SCREENS


def blocks(text: str) -> list[str]:
    """Paragraphs, tables and fenced code blocks, in order."""
    found, current, fenced = [], [], False
    for line in text.splitlines():
        if line.startswith("```"):
            if fenced:
                found.append("\n".join([*current, line]))
                current, fenced = [], False
                continue
            if current:
                found.append("\n".join(current))
            current, fenced = [line], True
            continue
        if not fenced and not line.strip():
            if current:
                found.append("\n".join(current))
            current = []
            continue
        current.append(line)
    if current:
        found.append("\n".join(current))
    return found


def code_blocks(text: str) -> list[str]:
    return [b for b in blocks(text) if b.startswith("```")]


def code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def year_for(day: int, month: int) -> int:
    """A date without a year, in the sample content's year ahead (from 1 December 2026)."""
    return SAMPLE_DAY.year if (month, day) >= (SAMPLE_DAY.month, SAMPLE_DAY.day) else SAMPLE_DAY.year + 1


def test_dates_written_with_their_weekday_fall_on_that_day():
    found = list(DAY_PHRASE.finditer(TEXT))
    assert len(found) >= 3  # « samedi 23 janvier », the slides' sample, the counter-example
    for match in found:
        weekday, day, month, year = match.group(1), int(match.group(2)), MONTHS.index(match.group(3)) + 1, match.group(4)
        real = date(int(year) if year else year_for(day, month), month, day)
        actual = WEEKDAYS[real.weekday()]
        if match.group("counter"):  # « samedi 13 décembre 2026 », un dimanche: wrong on purpose, and truly so
            assert weekday != actual and match.group(6) == actual, match.group(0)
        else:
            assert weekday == actual, f"« {match.group(0)} » : le {real:%d/%m/%Y} est un {actual}"


def test_a_weekday_and_a_part_of_the_day_match_the_moment_beside_them():
    checked = 0
    parts = blocks(TEXT)
    for index, block in enumerate(parts):
        for match in PART_OF_DAY.finditer(block):
            beside = block + ("\n" + parts[index + 1] if index + 1 < len(parts) and parts[index + 1].startswith("```")
                              else "")
            for moment in ISO_MOMENT.finditer(beside):
                year, month, day, hour = (int(moment.group(i)) if moment.group(i) else None for i in range(1, 5))
                assert WEEKDAYS[date(year, month, day).weekday()] == match.group(1), (match.group(0), moment.group(0))
                if hour is not None:
                    span = {"matin": range(5, 12), "après-midi": range(12, 18), "soir": range(18, 24)}[match.group(2)]
                    assert hour in span, (match.group(0), moment.group(0))
                checked += 1
    assert checked >= 1  # « Que montrera la vitrine dimanche matin ? » and its command


# --- commands -----------------------------------------------------------------------------
MAKE_TARGETS = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.MULTILINE))
MAKE_VARIABLES = set(re.findall(r"\$\(([A-Z]+)\)", MAKEFILE)) | set(re.findall(r"\$\$\{?([A-Z]+)", MAKEFILE))
TASKS = Collection.from_module(tasks)


def commands(program: str) -> list[list[str]]:
    """Each `program …` written in the guide (code spans and code blocks), split as a shell would."""
    found = []
    for text in [*code_spans(TEXT), *(line for b in code_blocks(TEXT) for line in b.splitlines())]:
        for match in re.finditer(rf"(?:^|\s|`|\.venv/bin/){program} ([^`\n(]*)", text):
            written = match.group(1).replace("…", "x").strip().rstrip(",.;")
            try:
                found.append(shlex.split(written))
            except ValueError:
                pytest.fail(f"« {program} {written} » ne se lit pas comme une commande")
    return found


def check_moment(text: str) -> None:
    if text == "x":  # « … » in the guide's prose
        return
    try:
        parse_moment(text)
    except MomentError as error:
        pytest.fail(f"« {text} » : {error}")


def test_every_make_command_exists_with_its_variables_and_valid_values():
    written = commands("make")
    assert {words[0] for words in written} >= {"run", "nouveau", "verifier", "diapos", "publier", "aide"}
    for words in written:
        assert words[0] in MAKE_TARGETS, f"make {words[0]} : pas de cible dans le Makefile"
        for assignment in words[1:]:
            name, _, value = assignment.partition("=")
            assert name in MAKE_VARIABLES, f"make {' '.join(words)} : {name} n'est pas une variable du Makefile"
            if name == "TYPE":
                assert value in KINDS
            elif name == "QUAND":
                check_moment(value)
            elif name == "ECRAN":
                assert value in SCREENS
            elif name == "PORT":
                assert value.isdigit()


def test_every_invoke_command_exists_with_its_options_and_valid_values():
    written = commands("invoke")
    assert {words[0] for words in written} >= {"new", "check", "slides", "publish", "rollback"}
    for words in written:
        if words[0] in ("--help", "--list"):
            assert all(name in TASKS.task_names for name in words[1:])
            continue
        assert words[0] in TASKS.task_names, f"invoke {words[0]} : pas de telle tâche dans tasks.py"
        task = TASKS[words[0]]
        options = {f"--{argument.name.replace('_', '-')}" for argument in task.get_arguments()} | {"--help"}
        rest = words[1:]
        if words[0] == "new" and rest:
            assert rest[0] in KINDS
        for index, word in enumerate(rest):
            if word.startswith("--"):
                assert word.split("=")[0] in options, f"invoke {words[0]} {word} : option inconnue"
                value = rest[index + 1] if index + 1 < len(rest) else ""
                if word == "--at":
                    check_moment(value)
                elif word == "--screen":
                    assert value in SCREENS


# --- keys ---------------------------------------------------------------------------------
HEADER_LINE = re.compile(r"^([A-Z][A-Za-z_]*): (.+)$")
MISSPELLINGS = TEXT[TEXT.index("### Une clé mal écrite"):TEXT.index("### Clés de Pelican")]


def written_keys() -> list[tuple[str, str]]:
    found = []
    for block in code_blocks(TEXT):
        found += [m.groups() for line in block.splitlines()[1:] if (m := HEADER_LINE.match(line))]
    for span in code_spans(TEXT):
        if m := HEADER_LINE.match(span):
            found.append(m.groups())
        elif re.fullmatch(r"Slide(_[A-Za-z]+)?|Event_[A-Za-z]+|Alert|Opening_hours|Closures|Location", span):
            found.append((span, ""))
    return found


def test_every_key_the_guide_writes_is_in_the_vocabulary_with_a_valid_value():
    keys = written_keys()
    assert len({key for key, _ in keys}) >= 20
    misspelt = set(code_spans(MISSPELLINGS))
    for key, value in keys:
        if key in misspelt or f"{key}: {value}" in misspelt:
            continue  # the section on misspelt keys: checked below
        assert key in KNOWN_KEYS, f"{key} : la clé n'est pas dans le vocabulaire (signage/core/vocabulary.py)"
        if key in ("Slide_from", "Slide_until", "Event_start", "Event_end", "Date", "Modified") and value \
                and "…" not in value:
            check_moment(value)
        elif key == "Category" and value:
            assert value in CATEGORIES, value
        elif key == "Slide_screens" and value:
            assert all(name.strip().lower() in SCREENS for name in value.split(","))


def test_the_misspellings_the_guide_shows_are_refused_with_the_correction_it_says():
    shown = re.findall(r"`([A-Za-z_]+)(?:: [^`]*)?` → `([A-Za-z_]+)`", MISSPELLINGS)
    shown += re.findall(r"`([A-Za-z_]+)(?:: [^`]*)?`[^`]*?vouliez-vous dire ([A-Za-z_]+) \?", MISSPELLINGS)
    assert ("Slide_untill", "Slide_until") in shown and ("Lieu", "Location") in shown
    for wrong, right in shown:
        problem = key_problem(wrong)
        assert problem is not None and f"vouliez-vous dire {right} ?" in problem[1], (wrong, problem)
    assert key_problem("Sumary")[0] == "warning" and "(`Sumary`) donne un avertissement" in MISSPELLINGS


# --- a sample output ----------------------------------------------------------------------
def test_the_guides_sample_of_make_diapos_is_what_the_command_prints():
    index = next(i for i, block in enumerate(blocks(TEXT)) if "make diapos QUAND=" in block and block.startswith("```"))
    command_block, sample = blocks(TEXT)[index], blocks(TEXT)[index + 1]
    command = shlex.split(command_block.splitlines()[1])
    command[1:1] = ["--no-print-directory"]  # as typed in a terminal, even when the tests run under `make test`
    expected = [line for line in sample.splitlines()[1:-1] if line.strip() != "…"]
    assert len(expected) >= 5
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)})
    assert result.returncode == 0, result.stderr
    printed = [line.replace("\u00a0", " ").replace("\u202f", " ") for line in result.stdout.splitlines()]
    assert printed[:len(expected)] == expected  # no-break spaces (French typography) read as spaces
