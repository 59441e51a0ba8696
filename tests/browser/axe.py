"""
axe-core (the copy bundled by axe-playwright-python) run inside a Playwright page.

The script is evaluated through the DevTools protocol, which the page's
Content-Security-Policy does not govern, so the page keeps its real, enforced
policy while it is checked, and the `page` fixture still fails on any violation
the page itself causes.
"""

from axe_playwright_python.base import AXE_SCRIPT

BLOCKING_IMPACTS = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")

# Runs axe, then sets aside the nodes of a violation that an `allowed` entry
# names: that rule, on an element matching that CSS selector, and nothing else.
RUN = """async ([options, allowed]) => {
  const results = await axe.run(document, options);
  const isAllowed = (rule, node) => allowed.some(([id, selector]) => {
    if (id !== rule || node.target.length !== 1) return false;
    const element = document.querySelector(node.target[0]);
    return element !== null && element.matches(selector);
  });
  const violations = [];
  const setAside = [];
  for (const violation of results.violations) {
    const nodes = violation.nodes.filter((node) => !isAllowed(violation.id, node));
    if (nodes.length < violation.nodes.length) {
      setAside.push({id: violation.id, impact: violation.impact, count: violation.nodes.length - nodes.length});
    }
    if (nodes.length) violations.push({...violation, nodes});
  }
  return {version: results.testEngine.version, violations, setAside};
}"""


def run_axe(page, *, allowed=(), preload=True) -> dict:
    """axe's verdict on the page as it is now: {"version", "violations", "setAside"}.

    `allowed` is a list of (rule id, CSS selector) pairs that are not counted.
    `preload=False` stops axe re-parsing @import-ed stylesheets into <style>
    elements of its own, which a strict style-src refuses: a violation caused
    by the tool, not by the page.
    """
    page.evaluate(AXE_SCRIPT)
    options = {"resultTypes": ["violations"], "preload": preload}
    return page.evaluate(RUN, [options, [list(pair) for pair in allowed]])


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


def counts(violations: list[dict]) -> dict[str, int]:
    """Failing elements per impact: {"critical": 0, "serious": 0, "moderate": 1, "minor": 0}."""
    found = dict.fromkeys(IMPACTS, 0)
    for violation in violations:
        found[violation["impact"]] += len(violation["nodes"])
    return found


def describe(violations: list[dict]) -> str:
    """A readable list: rule, impact, and each failing element with what to fix."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"        {summary[:400]}")
    return "\n".join(lines)
