"""No module of the package over 800 lines without the reason written in its docstring."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ucj_analysis"
LIMIT = 800


def long_modules_without_a_reason() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= LIMIT:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if "long because" not in doc and "lines because" not in doc:
            out.append(f"{path.relative_to(PACKAGE)} ({text.count(chr(10))} lines)")
    return out


def test_every_long_module_says_why_at_its_top():
    assert long_modules_without_a_reason() == []


def test_the_check_sees_the_long_modules():
    long = [p for p in PACKAGE.rglob("*.py") if p.read_text(encoding="utf-8").count("\n") > LIMIT]
    assert {p.name for p in long} >= {"scenarios.py", "backtest.py"}
