"""Quality runners for tests and benches only, not part of the product.

Lighthouse, axe-core and transfer size, as small runners. Each module runs one tool and returns
dataclasses; the tests (tests/test_budgets.py) and `bench/budgets.py` decide what is acceptable.
The Node tools come from package-lock.json (`npm ci`, done by `python3 bootstrap.py test`);
Chromium from Debian. The Nu HTML Checker, which publish runs too, is product code:
`sitebuild/html_checker.py`.
"""

CHROMIUM = "/usr/bin/chromium"
# No sandbox as root, no background traffic (a request to another host would be counted against
# the page). The Playwright fixtures in tests/conftest.py use the same switches.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
)
