"""Bringing in an article: a web page, a saved HTML file or a text becomes a seed text and the
metadata of its source entry. Pure core: reading (`fetch`, `decode`), extracting (`body`,
`metadata`), and the entry written into a corpus (`entry`); `command` is `explorer new source`.
"""
