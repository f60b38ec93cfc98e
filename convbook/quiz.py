"""Quick-check questions that judge the reader's answer on the page.

Each question renders as self-contained HTML whose inline JavaScript judges the
answer in the browser, so it works on the static website with no kernel. In Jupyter it
works once the notebook is trusted: a stored notebook opened in JupyterLab is untrusted,
and JupyterLab strips the inline JavaScript from its outputs, so a check (and a frames
explorer) is inert until its cell is run again or the notebook is trusted
(``jupyter trust book/*.ipynb``, or Run All). The same judgement is available in Python (:meth:`QuickCheck.judge`), and
the tests hold the two to the same answers. Element ids are derived from the
question text, so stored notebook outputs are deterministic.
"""
from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from . import _args
from ._html import untrusted_notice

_STYLE = (
    "border:1px solid #8a8a8a;border-left:5px solid #3b6ea5;border-radius:4px;"
    "padding:0.6em 0.9em;margin:0.8em 0;"
)

# The number formats the book itself prints, read the same way in Python and in the page:
# a leading sign (also the minus sign U+2212), thousands separators (comma, thin space,
# narrow no-break space or underscore, in groups of three), a decimal point, scientific
# notation, and a simple fraction a/b. Anything else is not a number.
_NUMBER = r"^([+-]?)(\d{1,3}(?:([,_\u2009\u202f])\d{3})(?:\3\d{3})*|\d+)?(\.\d*)?([eE][+-]?\d+)?$"
_FRACTION = r"^([+-]?\d+)\s*\/\s*(\d+)$"
_PARSE_JS = (
    "function(s){s=String(s).trim().replace(/\u2212/g,'-');"
    f"var m=s.match(/{_FRACTION}/);"
    "if(m){var d=Number(m[2]);return d===0?NaN:Number(m[1])/d;}"
    f"m=s.match(/{_NUMBER}/);"
    "if(!m||(!m[2]&&!(m[4]&&m[4].length>1)))return NaN;"
    "return Number(m[1]+(m[2]||'0').split(m[3]||'#').join('')+(m[4]||'')+(m[5]||''));}"
)


def parse_number(text: Any) -> float:
    """A reader's typed answer as a number, or NaN if it is not one.

    Accepts what the book prints: ``"250,000"``, ``"12 832"`` with a thin space,
    ``"-3/7"``, ``"+1.5e-3"``, ``"−2"`` (with the minus sign U+2212). The quick checks'
    JavaScript reads answers by the same rule (``tests/test_quiz.py`` runs both).

    >>> parse_number("250,000"), parse_number("3/7") == 3 / 7, parse_number("1e3")
    (250000.0, True, 1000.0)
    >>> import math; math.isnan(parse_number("12,34"))
    True
    """
    import re

    if not isinstance(text, str):
        return math.nan
    s = text.strip().replace("\u2212", "-")
    m = re.match(_FRACTION, s)
    if m:
        d = int(m.group(2))
        return math.nan if d == 0 else int(m.group(1)) / d
    m = re.match(_NUMBER, s)
    if not m or (not m.group(2) and not (m.group(4) and len(m.group(4)) > 1)):
        return math.nan
    digits = (m.group(2) or "0").replace(m.group(3) or "#", "")
    try:
        return float(m.group(1) + digits + (m.group(4) or "") + (m.group(5) or ""))
    except (ValueError, OverflowError):
        return math.nan


_JUDGE_JS = (
    "(function(b){var q=b.closest('.cb-quiz');var f=q.querySelector('.cb-quiz-feedback');"
    f"var parse={_PARSE_JS};"
    "var ok;if(q.dataset.kind==='numeric'){var s=q.querySelector('input').value.trim();"
    "var v=parse(s);if(s===''||!isFinite(v)){f.textContent='Please enter a number "
    "(like 250,000, -3/7 or 1.5e-3).';"
    "f.style.color='#7a4a00';return;}"
    "ok=Math.abs(v-Number(q.dataset.answer))<=Number(q.dataset.tol);}"
    "else{var picked=[];q.querySelectorAll('input').forEach(function(i){if(i.checked)"
    "picked.push(i.value);});ok=picked.sort().join(',')===q.dataset.answer;}"
    "f.textContent=ok?'\\u2714 Correct. '+q.dataset.explain:'\\u2718 Not yet. Hint: '"
    "+q.dataset.hint;f.style.color=ok?'#1a6b1a':'#9b1c1c';q.dataset.result=ok?'right':'wrong';"
    "})(this)"
)


@dataclass(frozen=True)
class QuickCheck:
    """One question: ``kind`` is "numeric" or "choice"."""

    kind: str
    question: str
    answer: Any
    hint: str
    explain: str = ""
    tol: float = 0.0
    options: tuple[str, ...] = field(default=())
    multiple: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("numeric", "choice"):
            raise ValueError(f"QuickCheck: kind must be one of {{'numeric', 'choice'}}, but got "
                             f"kind={self.kind!r}; build one with quiz.numeric or quiz.choice")
        _text(self.question, "question", "QuickCheck")

    @property
    def uid(self) -> str:
        return "cbq-" + hashlib.sha1(self.question.encode()).hexdigest()[:10]

    def judge(self, response: Any) -> bool:
        """Whether ``response`` is right: a number, or the chosen option index(es).

        Never raises: a response of the wrong kind (a bool, a string that is not a
        number, ``None``, ...) is simply wrong.
        """
        if self.kind == "numeric":
            if isinstance(response, bool):
                return False
            if isinstance(response, str):
                value = parse_number(response)
            else:
                try:
                    value = float(response)
                except (TypeError, ValueError, OverflowError):
                    return False
            return math.isfinite(value) and abs(value - self.answer) <= self.tol
        if isinstance(response, bool):
            return False
        if isinstance(response, int):
            picked = {response}
        else:
            try:
                picked = set(response)
            except TypeError:  # not iterable, or unhashable items
                return False
        return picked == set(self.answer)

    def _repr_html_(self) -> str:
        e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
        if self.kind == "numeric":
            answer = repr(float(self.answer))
            body = ('<input type="text" inputmode="decimal" aria-label="your answer" '
                    'style="width:8em;margin-right:0.5em" '
                    'onkeydown="if(event.key===\'Enter\'){this.nextElementSibling.click();}">')
        else:
            answer = ",".join(str(i) for i in sorted(self.answer))
            kind = "checkbox" if self.multiple else "radio"
            body = "".join(
                f'<label style="display:block;margin:0.2em 0"><input type="{kind}" '
                f'name="{self.uid}" value="{i}"> {e(opt)}</label>'
                for i, opt in enumerate(self.options))
        return (
            f'<div class="cb-quiz" id="{self.uid}" data-kind="{self.kind}" '
            f'data-answer="{e(answer)}" data-tol="{self.tol!r}" data-hint="{e(self.hint)}" '
            f'data-explain="{e(self.explain)}" style="{_STYLE}">'
            f'<p style="margin:0 0 0.4em 0"><strong>Quick check.</strong> {e(self.question)}</p>'
            f'{body}<button type="button" class="cb-quiz-check" onclick="{e(_JUDGE_JS)}">'
            f'Check</button><p class="cb-quiz-feedback" role="status" aria-live="polite" '
            f'style="margin:0.4em 0 0 0;min-height:1.2em"></p>'
            f'{untrusted_notice("quick check")}</div>'
        )

    def __repr__(self) -> str:  # what a plain-text frontend (and nbval's text/plain) shows
        return f"QuickCheck({self.kind}): {self.question}"


@_args.fill
def numeric(question: str, answer: float, *, hint: str, explain: str = "",
            tol: float = 0.0) -> QuickCheck:
    """A question whose answer is a number, right within ``tol``.

    Parameters
    ----------
    question, hint : str
        Non-empty; the hint is shown after a wrong answer.
    answer : float
        Finite.
    explain : str
        Shown after a right answer.
    tol : float
        Finite, >= 0.

    Returns
    -------
    QuickCheck
        Renders as HTML that judges in the browser; :meth:`QuickCheck.judge` in Python.

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> from convbook import quiz
    >>> q = quiz.numeric("Output size of a 3x3 kernel on 5 pixels, no padding?", 3,
    ...                  hint="i - k + 1")
    >>> q.judge(3), q.judge("4"), q.judge("three")
    (True, False, False)
    """
    _text(question, "question", "quiz.numeric")
    _text(hint, "hint", "quiz.numeric")
    _explain(explain, "quiz.numeric")
    a = _args.real(answer, "quiz.numeric", "answer")
    t = _args.real(tol, "quiz.numeric", "tol", minimum=0.0)
    return QuickCheck("numeric", question, a, hint, explain, t)


@_args.fill
def choice(question: str, options: Sequence[str], answer: int | Sequence[int], *, hint: str,
           explain: str = "") -> QuickCheck:
    """A multiple-choice question; ``answer`` is the index, or a list of indices when
    several options are right (then the reader ticks boxes instead of one button).

    Parameters
    ----------
    question, hint : str
        Non-empty; the hint is shown after a wrong answer.
    options : sequence of str
        At least two, non-empty.
    answer : int or sequence of int
        Index (indices) into ``options``, without repeats; not a bool.
    explain : str
        Shown after a right answer.

    Returns
    -------
    QuickCheck

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> from convbook import quiz
    >>> q = quiz.choice("Which laws hold for cross-correlation?",
    ...                 ["commutativity", "associativity", "linearity"], [2],
    ...                 hint="Try swapping the arguments of np.correlate.")
    >>> q.judge([2]), q.judge([0, 2])
    (True, False)
    """
    _text(question, "question", "quiz.choice")
    _text(hint, "hint", "quiz.choice")
    _explain(explain, "quiz.choice")
    if isinstance(options, (str, bytes)) or not hasattr(options, "__iter__"):
        raise TypeError(f"quiz.choice: options must be a list of strings, but got "
                        f"{_args.shown(options)}")
    options = tuple(options)
    if len(options) < 2 or not all(isinstance(o, str) and o for o in options):
        raise ValueError(f"quiz.choice: options must be at least two non-empty strings, but got "
                         f"{options!r}")
    multiple = not isinstance(answer, (int, np.integer))
    if multiple and (isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__")):
        raise TypeError(f"quiz.choice: answer must be an option index or a list of them, but got "
                        f"{_args.shown(answer)}")
    answers = (answer,) if not multiple else tuple(answer)
    if not answers or not all(isinstance(i, (int, np.integer)) and not isinstance(i, (bool, np.bool_))
                              and 0 <= i < len(options) for i in answers):
        raise ValueError(f"quiz.choice: answer must be option indices in 0..{len(options) - 1}, "
                         f"but got {answer!r}")
    if len(set(answers)) != len(answers):
        raise ValueError(f"quiz.choice: answer must not repeat an index, but got {answer!r}")
    return QuickCheck("choice", question, tuple(sorted(int(i) for i in answers)), hint, explain,
                      0.0, options, multiple)


def _text(value, name, func="quiz"):
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{func}: {name} must be a non-empty string, but got {_args.shown(value)}")


def _explain(value, func):
    if not isinstance(value, str):
        raise TypeError(f"{func}: explain must be a string, but got {_args.shown(value)}")
