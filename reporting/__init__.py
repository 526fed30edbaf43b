"""Pictures of a run: the PNG figures of the `figures` stage, and `dvc plots` rendered offline.

Reads metrics files only; imports nothing of the cleaning or training code.
"""
