"""The law as code: pure Python, no Django, no I/O. Dataclasses in, dataclasses out.

Every public function's docstring starts with the source it applies
(see `sources.py`). Rule versions (2014 / 2024) are parameters, never forks.
"""
