"""The command-line verbs, one module each (build lives in builder/cli.py); `common.py`
holds what they share.
"""
