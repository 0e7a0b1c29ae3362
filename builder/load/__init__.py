"""Stage 1, load: content/ read into frozen values (`stories.py` is the entry point).

Also here: what reading a file needs (decoding bytes, charsets, bounded HTML and YAML
parsing, front matter, story.yaml, folder-name slugs).
"""
