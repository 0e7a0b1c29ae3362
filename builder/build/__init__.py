"""The build: runs the stages in order (`pipeline.py`), in worker processes
(`parallel.py`), reusing what an earlier build computed (`cache.py`, `incremental.py`).
"""
