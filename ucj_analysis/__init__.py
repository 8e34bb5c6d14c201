"""UCJ analysis: forecasts of Universal Coverage Jamsostek for Indonesian regencies."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ucj-analysis")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"

__all__ = ["__version__"]
