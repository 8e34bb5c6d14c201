"""The Indonesian notes (``note_id``) of the embedded data, and files without them.

Every embedded row with an English ``note`` carries ``note_id``, its Bahasa Indonesia translation,
so that Indonesian reports show no English. The checks read the CSV files directly: a ``note_id``
exists wherever a ``note`` does, it holds the same numbers (written the Indonesian way), source
keys, regulations and flags, and it has no English function words. The loaders accept the column
under ``note_id`` or ``catatan_id`` and load a planner's folder that has no such column.
"""

from __future__ import annotations

import csv
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ucj_analysis.loaders import DATASETS, load_bundle, read_coverage, read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NAMES = sorted(p.stem for p in DATA.glob("*.csv"))

#: English words that a sentence in Bahasa Indonesia never contains.
ENGLISH_WORDS = ("the", "and", "of", "is", "are", "with")
#: Proper names that contain such a word (publication titles).
PROPER_NAMES = ("The Jakarta Post",)
#: English flag -> its Indonesian form (both in capitals).
FLAGS = {
    "ASSUMPTION": "ASUMSI",
    "CONFLICT, not used": "BERTENTANGAN, tidak dipakai",
    "UNCERTAIN": "TIDAK PASTI",
    "SECONDARY": "SEKUNDER",
}
REGULATION = re.compile(r"\b(?:PP|UU|PMK|Inpres|Permendesa PDT) \d+/\d{4}\b")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


# ------------------------------------------------------------------------------------ helpers


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _header(name: str) -> list[str]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def _sources(name: str) -> list[str]:
    meta = yaml.safe_load((DATA / f"{name}.meta.yaml").read_text(encoding="utf-8"))
    return list(meta["sources"])


def _noted(name: str) -> list[tuple[int, dict[str, str]]]:
    """(CSV line, row) of every row with an English note."""
    return [(i, r) for i, r in enumerate(_rows(name), start=2) if r["note"].strip()]


def english_numbers(text: str) -> set[Decimal]:
    """Numbers written the English way: ``79,388`` -> 79388, ``0.3196`` -> 0.3196."""
    return {Decimal(t.replace(",", "")) for t in NUMBER.findall(text)}


def indonesian_readings(token: str) -> set[Decimal]:
    """The values an Indonesian or plain number token can stand for.

    ``79.388`` -> {79388, 79.388} (thousands dot, or a plain decimal point);
    ``0,3196`` -> {0.3196}; ``1.327.000`` -> {1327000}; ``0.3196`` -> {0.3196} (plain).
    """
    if "," in token:
        whole, _, frac = token.partition(",")
        if "," in frac or not re.fullmatch(r"\d{1,3}(?:\.\d{3})*|\d+", whole):
            raise ValueError(f"not a number in Indonesian format: {token}")
        return {Decimal(f"{whole.replace('.', '')}.{frac}")}
    groups = token.split(".")
    out = set()
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        out.add(Decimal("".join(groups)))
    if len(groups) <= 2:
        out.add(Decimal(token))
    if not out:
        raise ValueError(f"not a number in Indonesian format: {token}")
    return out


def indonesian_numbers(text: str, expected: set[Decimal]) -> set[Decimal]:
    """Numbers of an Indonesian text; an ambiguous token takes the reading found in ``expected``."""
    out = set()
    for token in NUMBER.findall(text):
        readings = indonesian_readings(token)
        known = readings & expected
        out.add(min(known) if known else max(readings))  # unknown: the Indonesian reading
    return out


def english_style(token: str) -> str | None:
    """Why a number token is written the English way (``None``: Indonesian or plain).

    ``79,388`` and ``1,327,000`` (comma before groups of three digits, more than one comma or a
    comma before a dot) and ``0.57`` or ``1.0105`` (a dot not followed by groups of three digits)
    are English; ``79.388``, ``0,3196``, ``1,327`` (1.327 written the Indonesian way) are not.
    """
    if token.count(",") > 1 or ("," in token and "." in token.split(",", 1)[1]):
        return "thousands comma"
    groups = token.split(",", 1)[0].split(".")
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return "decimal point"
    return None


def prose(text: str) -> str:
    """The text without quotations, source keys, file names, web addresses and proper names."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    text = re.sub(r"'[^']*'|\"[^\"]*\"", " ", text)
    text = re.sub(r"\S+\.(?:csv|yaml|com|co|id)\b|\b\w*_\w*\b", " ", text)
    return text


def english_words(text: str) -> list[str]:
    words = re.findall(r"[a-z]+", prose(text).lower())
    return [w for w in words if w in ENGLISH_WORDS]


# ------------------------------------------------------------------------- the parsing helpers


def test_number_readers():
    assert english_numbers("27,636 / 79,388 = 34.81 %; 1 - 41.56 / 61.08 = 0.3196") == {
        Decimal(x) for x in ("27636", "79388", "34.81", "1", "41.56", "61.08", "0.3196")
    }
    assert indonesian_readings("79.388") == {Decimal("79388"), Decimal("79.388")}
    assert indonesian_readings("0,3196") == {Decimal("0.3196")}
    assert indonesian_readings("1.327.000") == {Decimal("1327000")}
    assert indonesian_readings("20.766,2") == {Decimal("20766.2")}
    assert indonesian_readings("0.3196") == {Decimal("0.3196")}
    with pytest.raises(ValueError):
        indonesian_readings("1,5,2")
    assert [english_style(t) for t in ("79,388", "1,327,000", "0.57", "1.0105")] == [
        None, "thousands comma", "decimal point", "decimal point",
    ]  # fmt: skip
    assert [english_style(t) for t in ("79.388", "0,3196", "1,327", "20.766,2")] == [None] * 4
    expected = english_numbers("1.327 million of 2,800,000")
    assert indonesian_numbers("1,327 juta dari 2.800.000", expected) == expected
    # a changed figure is seen, in either reading
    assert indonesian_numbers("79.389 dan 34,18", {Decimal("79388"), Decimal("34.81")}) == {
        Decimal("79389"),
        Decimal("34.18"),
    }


def test_english_word_check():
    assert english_words("the share of villages with arrears") == ["the", "of", "with"]
    assert english_words("bagian desa yang menunggak ('sekitar 1 juta') dan arrears_share") == []
    assert english_words("The Jakarta Post membulatkannya menjadi 30,5 juta") == []
    assert english_words("sumber 'about 50 thousand' is quoted") == ["is"]


# -------------------------------------------------------------------------- the embedded data


@pytest.mark.parametrize("name", NAMES)
def test_note_id_column_follows_note_and_is_documented(name):
    header = _header(name)
    assert header[header.index("note") + 1] == "note_id"
    assert header.count("note_id") == 1
    meta = yaml.safe_load((DATA / f"{name}.meta.yaml").read_text(encoding="utf-8"))
    assert meta["note_id_column"] == "note_id"
    documented = list(meta["columns"])
    assert documented[documented.index("note") + 1] == "note_id"


@pytest.mark.parametrize("name", NAMES)
def test_every_note_has_an_indonesian_note(name):
    rows = _rows(name)
    assert rows
    for i, row in enumerate(rows, start=2):
        has_note, has_id = bool(row["note"].strip()), bool(row["note_id"].strip())
        assert has_note == has_id, f"{name}.csv line {i}"
        if row["note_id"] == row["note"] and has_note:  # nothing to translate ("RKP 2026.")
            assert not re.search(r"[a-z]{3,}", prose(row["note"])), f"{name}.csv line {i}"


@pytest.mark.parametrize("name", NAMES)
def test_indonesian_notes_keep_every_number(name):
    for i, row in _noted(name):
        expected = english_numbers(row["note"])
        got = indonesian_numbers(row["note_id"], expected)
        assert got == expected, (
            f"{name}.csv line {i}: missing {sorted(expected - got)}, extra {sorted(got - expected)}"
        )


@pytest.mark.parametrize("name", NAMES)
def test_indonesian_notes_use_indonesian_number_format(name):
    """English thousands (79,388) and decimals (0.3196) become 79.388 and 0,3196."""
    for i, row in _noted(name):
        for token in NUMBER.findall(prose(row["note_id"])):
            assert english_style(token) is None, f"{name}.csv line {i}: '{token}' is English style"


@pytest.mark.parametrize("name", NAMES)
def test_indonesian_notes_keep_sources_regulations_and_flags(name):
    keys = _sources(name)
    for i, row in _noted(name):
        note, note_id = row["note"], row["note_id"]
        where = f"{name}.csv line {i}"
        for key in keys:
            if re.search(rf"\b{key}\b", note):
                assert re.search(rf"\b{key}\b", note_id), f"{where}: source {key} dropped"
        assert sorted(REGULATION.findall(note_id)) == sorted(REGULATION.findall(note)), where
        for english, indonesian in FLAGS.items():
            assert (english in note) == (indonesian in note_id), f"{where}: flag {english}"
            assert english not in note_id, f"{where}: English flag {english}"


@pytest.mark.parametrize("name", NAMES)
def test_indonesian_notes_have_no_english_function_words(name):
    for i, row in _noted(name):
        found = english_words(row["note_id"])
        assert not found, f"{name}.csv line {i}: English words {found}: {row['note_id']}"


def test_english_word_check_finds_the_english_notes():
    """The same check flags most English notes (the others are short phrases)."""
    notes = [row["note"] for name in NAMES for _, row in _noted(name)]
    flagged = [n for n in notes if english_words(n)]
    assert len(notes) >= 150
    assert len(flagged) / len(notes) > 0.8


def test_translation_examples():
    """A few notes checked word for word against the glossary of the task."""
    rows = _rows("assumptions")
    lapse = next(r for r in rows if r["parameter"] == "lapse_rate_organic" and r["regency"] == "*")
    assert lapse["note_id"].startswith("ASUMSI: ")
    assert "1 - 41,56 / 61,08 = 0,3196" in lapse["note_id"]
    cov = _rows("coverage")
    konawe = next(r for r in cov if r["regency"] == "Konawe" and r["date"] == "2025-04-30")
    assert "27.636 / 79.388 = 34,81 %" in konawe["note_id"]
    conflict = next(
        r for r in cov if r["regency"] == "Sulawesi Tenggara" and r["date"] == "2023-12-05"
    )
    assert conflict["note_id"].startswith("BERTENTANGAN, tidak dipakai: ")
    nat = next(r for r in cov if r["regency"] == "Indonesia" and r["date"] == "2020-11-30")
    assert nat["note_id"].startswith("Definisi TIDAK PASTI, tidak dipakai: ")
    vf = _rows("village_funds")
    dd = next(
        r for r in vf if r["regency"] == "Konawe" and r["year"] == "2019" and r["fund"] == "DD"
    )
    assert "= 183.054.465.000 × 1,166667." in dd["note_id"]


# ---------------------------------------------------------------------------------- loaders


def test_embedded_frames_carry_note_id():
    b = load_bundle()
    for name in DATASETS:
        frame = getattr(b, name).frame
        assert "note_id" in frame.columns, name
        by_note = {r["note"]: r["note_id"] for r in _rows(name)}
        for note, note_id in zip(frame["note"], frame["note_id"], strict=True):
            assert by_note[note] == note_id, (name, note)


def _planner_coverage(header_note_id: str | None) -> str:
    head = "kabupaten;tanggal;angkatan_kerja;peserta_aktif;sumber;kualitas;catatan"
    row = "Konawe;31/12/2025;80.000;30.000;laporan cabang;teramati;angka cabang Kendari"
    if header_note_id:
        head += f";{header_note_id}"
        row += ";catatan dalam bahasa Indonesia"
    return f"{head}\n{row}\n"


@pytest.mark.parametrize("header", ["note_id", "catatan_id", "Catatan ID"])
def test_note_id_header_and_its_indonesian_alias(tmp_path, header):
    path = tmp_path / "cakupan.csv"
    path.write_text(_planner_coverage(header), encoding="utf-8")
    frame = read_table(path, "coverage").frame
    assert frame.loc[0, "note_id"] == "catatan dalam bahasa Indonesia"
    assert frame.loc[0, "note"].startswith("angka cabang Kendari; coverage_pct = active")
    assert frame.loc[0, "coverage_pct"] == pytest.approx(37.5)


def test_planner_file_without_note_id_loads_and_keeps_its_note(tmp_path):
    (tmp_path / "cakupan.csv").write_text(_planner_coverage(None), encoding="utf-8")
    cov = read_coverage(tmp_path).frame
    mine = cov[(cov["regency"] == "Konawe") & (cov["date"] == pd.Timestamp("2025-12-31"))]
    assert len(mine) == 1
    row = mine.iloc[0]
    assert row["note_id"] == ""
    # the loader's own remark (Indonesian) follows the planner's note
    assert row["note"].startswith("angka cabang Kendari; coverage_pct = active / workforce")
    # the embedded rows of other areas keep their Indonesian notes
    banggai = cov[(cov["regency"] == "Banggai") & (cov["segment"] == "total")].iloc[0]
    assert banggai["note_id"].startswith("ASUMSI, ganti dengan angka BPJS Cabang Luwuk")


def test_data_folder_without_note_id_loads(tmp_path, monkeypatch):
    """The embedded data as it was before note_id (every CSV without the column) loads."""
    for path in DATA.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        k = rows[0].index("note_id")
        with open(tmp_path / path.name, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([r[:k] + r[k + 1 :] for r in rows])
        shutil.copy(DATA / f"{path.stem}.meta.yaml", tmp_path)
    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path))
    b = load_bundle()
    for name in DATASETS:
        frame = getattr(b, name).frame
        assert len(frame) == len(_rows(name)), name
        assert (frame["note_id"] == "").all(), name
        assert set(frame["note"]) == {r["note"] for r in _rows(name)}, name
