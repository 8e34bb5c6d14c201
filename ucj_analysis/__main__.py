"""``python -m ucj_analysis``: the ``ucj`` command line (same commands and options)."""

from ucj_analysis.entry import main

if __name__ == "__main__":
    main()
