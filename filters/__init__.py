"""The cleaning rules: pure Python, importing nothing of the project (see filters/base.py)."""
