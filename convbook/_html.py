"""HTML pieces shared by the page-side widgets (quick checks and frame sliders)."""
from __future__ import annotations


def untrusted_notice(what: str) -> str:
    """A line that says why ``what`` does nothing yet, removed by the page's own script.

    The website and a trusted notebook run the inline script, which deletes the line at
    once (the site's stylesheet also hides it). JupyterLab strips scripts and event
    handlers from the outputs of an untrusted notebook, which every stored notebook is
    until its cells run again: there the line stays and tells the reader what to do.
    """
    return (f'<p class="cb-untrusted" style="margin:0.3em 0;font-size:0.9em;color:#7a4a00">'
            f'This {what} runs in the page. In JupyterLab, run this cell (or trust the '
            f'notebook: File, Trust Notebook) to make it work.</p>'
            f'<script>document.currentScript.previousElementSibling.remove();</script>')
