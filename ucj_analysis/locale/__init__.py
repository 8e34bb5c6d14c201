"""The text catalogue, one module per language.

:mod:`ucj_analysis.locale.id` (Bahasa Indonesia) and :mod:`ucj_analysis.locale.en` (English)
each hold ``TEXTS``, a dict ``key -> text``. :mod:`ucj_analysis.i18n` merges them into
:data:`ucj_analysis.i18n.LABELS` (``key -> {"id": ..., "en": ...}``) and looks texts up with
:func:`ucj_analysis.i18n.t`. A new text is added to both files under the same key, with the same
``{placeholders}``.
"""
