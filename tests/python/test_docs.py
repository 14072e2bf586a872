"""docs/python.md's walkthrough, run as doctests: every `>>>` example prints what the page says.

The ```python blocks run in order in one namespace, from the source tree's root (the page's
paths are relative to it).
"""

import doctest
import re

from conftest import SOURCE


def test_python_md_walkthrough(monkeypatch):
    monkeypatch.chdir(SOURCE)
    page = (SOURCE / "docs" / "python.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert blocks, "no ```python blocks in docs/python.md"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs = {"__name__": "python_md"}
    for k, body in enumerate(blocks):
        test = doctest.DocTest(parser.get_examples(body), globs, f"docs/python.md block {k + 1}",
                               "docs/python.md", 0, body)
        runner.run(test, clear_globs=False)
        globs = test.globs
    result = runner.summarize(verbose=False)
    assert result.attempted > 20
    assert result.failed == 0, "docs/python.md: outputs differ (doctest's report is above)"
