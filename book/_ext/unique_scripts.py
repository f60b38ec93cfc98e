"""Sphinx extension: drop repeated scripts from each page.

sphinx-thebe 0.3.1 and sphinx-togglebutton register their inline configuration
scripts once per source read, and a Jupyter Book build reads twice, so each page would
carry two copies of ``const THEBE_JS_URL = ...``: a JavaScript error ("Identifier
'THEBE_JS_URL' has already been declared") that the browser tests catch.
"""


def _key(js):
    attributes = getattr(js, "attributes", {}) or {}
    return (getattr(js, "filename", None) or "", tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _unique(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for js in scripts:
        if _key(js) not in seen:
            seen.add(_key(js))
            kept.append(js)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", _unique, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
