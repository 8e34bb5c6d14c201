"""Suite-wide rules.

On CI (environment variable ``CI=true``) a skipped test is a failure unless its reason is listed in
:data:`ALLOWED_SKIPS` together with why that skip is acceptable there. A test that quietly does not
run (a missing browser, a failed import, an empty parametrisation) then stops the build instead of
passing it. Outside CI skips are reported as usual (``-ra``).
"""

from __future__ import annotations

import os

import pytest

#: Skip reason (exactly as pytest reports it) -> why that skip is acceptable on CI.
#: Empty: on CI every test must run. Add an entry only with its justification.
ALLOWED_SKIPS: dict[str, str] = {}

_SKIPPED: list[tuple[str, str]] = []  # (test id, reason) of every skip in this session


def on_ci() -> bool:
    """True when the environment variable ``CI`` says the run is a CI build."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _record(report) -> None:
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    longrepr = report.longrepr
    text = str(longrepr[2]) if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    _SKIPPED.append((report.nodeid, text.removeprefix("Skipped: ")))


def pytest_runtest_logreport(report):
    _record(report)


def pytest_collectreport(report):
    _record(report)  # module-level skips: pytest.skip(allow_module_level=True), importorskip


def unexplained_skips() -> list[tuple[str, str]]:
    """(test id, reason) of every skip so far whose reason is not in :data:`ALLOWED_SKIPS`."""
    return [(nodeid, why) for nodeid, why in _SKIPPED if why not in ALLOWED_SKIPS]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if on_ci():
        bad = unexplained_skips()
        if bad:
            terminalreporter.section("skips not allowed on CI", sep="=", red=True, bold=True)
            for nodeid, why in bad:
                terminalreporter.line(f"{nodeid}: {why}")
            terminalreporter.line(
                "CI=true: a test may skip only for a reason listed in tests/conftest.py "
                "ALLOWED_SKIPS (with why it is acceptable)."
            )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if on_ci() and unexplained_skips() and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
