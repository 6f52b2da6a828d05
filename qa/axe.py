"""axe-core (from node_modules) injected into a Playwright page, its violations as dataclasses."""

from dataclasses import dataclass, field

from sitebuild.html_checker import node_tool


@dataclass(frozen=True)
class Violation:
    """One axe rule broken, with the elements that break it."""

    rule: str
    impact: str
    help: str
    help_url: str
    targets: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{self.rule} [{self.impact}]: {self.help} ({self.help_url})"]
        for target, detail in zip(self.targets, self.details, strict=True):
            lines.append(f"    {target}: {detail}")
        return "\n".join(lines)


def run_axe(page) -> list[Violation]:
    """Run axe.run() with its default rules on the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(node_tool("axe-core", "axe.min.js")))
    # resultTypes: only violations are read; skipping the rest keeps axe fast.
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [_violation(item) for item in results["violations"]]


def describe(violations: list[Violation]) -> str:
    """All violations, readable in a failing test's message."""
    return "\n".join(str(violation) for violation in violations)


def _violation(item: dict) -> Violation:
    nodes = item.get("nodes", [])[:10]
    return Violation(
        rule=item["id"],
        impact=item.get("impact") or "",
        help=item.get("help", ""),
        help_url=item.get("helpUrl", ""),
        targets=[" ".join(map(str, node.get("target", []))) for node in nodes],
        details=[" ".join((node.get("failureSummary") or node.get("html", "")).split())[:300]
                 for node in nodes],
    )
