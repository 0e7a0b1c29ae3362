"""The command-line verbs, one module each (`add_parser` registers it, `run` does it);
`common.py` holds what they share.
"""
