"""The engine's implementation; import its names from :mod:`ucj_analysis.engine`.

The model, the module layout and the public names are described in :mod:`ucj_analysis.engine`.
"""
