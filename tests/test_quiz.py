"""Quick checks: the Python judge, the HTML they render, and their argument checks."""
import math
import re

import pytest

from convbook import quiz


def test_numeric_judge_with_tolerance():
    q = quiz.numeric("What is 1/3 to two places?", 1 / 3, hint="divide", tol=0.005)
    assert q.judge(0.33) and q.judge("0.334") and not q.judge(0.32)
    assert not q.judge("abc") and not q.judge(None) and not q.judge(float("nan"))


def test_choice_judge_single_and_multiple():
    single = quiz.choice("Pick b", ["a", "b", "c"], 1, hint="the second")
    assert single.judge(1) and single.judge([1]) and not single.judge(0)
    multi = quiz.choice("Pick a and c", ["a", "b", "c"], [2, 0], hint="two of them")
    assert multi.judge([0, 2]) and not multi.judge([0]) and not multi.judge([0, 1, 2])
    assert 'type="checkbox"' in multi._repr_html_() and 'type="radio"' in single._repr_html_()


def test_html_is_deterministic_and_self_contained():
    q1 = quiz.numeric("Output size?", 55, hint="(227 - 11) / 4 + 1")
    q2 = quiz.numeric("Output size?", 55, hint="(227 - 11) / 4 + 1")
    html = q1._repr_html_()
    assert html == q2._repr_html_()
    assert 'data-answer="55.0"' in html and "http" not in html
    # one script only: it removes the notice that an untrusted notebook keeps in view
    assert html.count("<script") == 1 and 'class="cb-untrusted"' in html
    assert "previousElementSibling.remove()" in html
    assert re.search(r'id="cbq-[0-9a-f]{10}"', html)


def test_text_is_escaped():
    q = quiz.choice('Is <b> "bold"?', ["<yes>", "no"], 0, hint="a & b")
    html = q._repr_html_()
    assert "&lt;b&gt;" in html and "&lt;yes&gt;" in html and 'data-hint="a &amp; b"' in html


@pytest.mark.parametrize("call, exc, match", [
    (lambda: quiz.numeric("", 1, hint="h"), TypeError, "question must be a non-empty string"),
    (lambda: quiz.numeric("q", "x", hint="h"), TypeError,
     r"quiz.numeric: answer must be a real number, but got 'x'"),
    (lambda: quiz.numeric("q", 1, hint="h", tol=-1), ValueError,
     r"quiz.numeric: tol must be >= 0 and finite, but got tol=-1"),
    (lambda: quiz.numeric("q", 1, hint=None), TypeError, "hint must be a non-empty string"),
    (lambda: quiz.choice("q", ["a"], 0, hint="h"), ValueError, "at least two"),
    (lambda: quiz.choice("q", ["a", "b"], 2, hint="h"), ValueError, r"indices in 0\.\.1"),
    (lambda: quiz.choice("q", ["a", "b"], [], hint="h"), ValueError, "answer must be option"),
])
def test_bad_arguments(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


NUMBER_CASES = ["250,000", "12,832", "3/7", "-3/7", " 22 / 7 ", "+1.5e-3", "\u22122", "1e3",
                "1_000", "250\u2009000", "1,000.5", ".5", "5.", "42", "-0", "1.5E+2",
                "12,34", "1,2345", "1,000,00", "abc", "", "-", ".", "e5", "1/0", "1/-2",
                "1,000_000", "0x10", "1e", "3/7/2", "inf", "nan", "1 000"]


def test_parse_number_reads_the_formats_the_book_prints():
    from convbook.quiz import parse_number

    assert parse_number("250,000") == 250_000 and parse_number("12,832") == 12_832
    assert parse_number("3/7") == 3 / 7 and parse_number("-3/7") == -3 / 7
    assert parse_number("+1.5e-3") == 1.5e-3 and parse_number("\u22122") == -2
    for bad in ["12,34", "1,2345", "abc", "", "1/0", "inf", "nan", "0x10", "1,000_000"]:
        assert math.isnan(parse_number(bad)), bad
    q = quiz.numeric("How many?", 250_000, hint="h")
    assert q.judge("250,000") and q.judge("250000") and not q.judge("25,0000")


def test_the_page_reads_numbers_as_python_does():
    """The quick check's JavaScript parser, run by Node, against parse_number."""
    import json
    import shutil
    import subprocess

    from convbook.quiz import _PARSE_JS, parse_number

    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (make test needs it for the site's math)")
    script = (f"var parse={_PARSE_JS};"
              f"console.log(JSON.stringify({json.dumps(NUMBER_CASES)}.map(function(s){{"
              "var v=parse(s);return isFinite(v)?v:null;})));")
    out = json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True,
                                    check=True).stdout)
    expected = [None if math.isnan(parse_number(s)) else parse_number(s) for s in NUMBER_CASES]
    assert out == expected, list(zip(NUMBER_CASES, out, expected))
