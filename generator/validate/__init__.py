"""Corpus-wide checks and integrity limits over a loaded corpus, and the pipeline that loads
and validates it. Imports `core` and `io`."""
