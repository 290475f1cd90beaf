"""Where a value sits in a loaded YAML document, and the issues found while reading it."""

from __future__ import annotations

from pipeline.schema.issues import Issue
from pipeline.yamlutil import Located


class Invalid(Exception):
    """Raised by a field's conversion: the value is wrong (``problem`` is the Chinese
    sentence after the field's name); the reading record turns it into an :class:`Issue`."""

    def __init__(self, problem: str, *, rule: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.rule = rule


def field_name(path: tuple[object, ...]) -> str:
    """A path as the file writes it: ``closure_approval.notice_date``, ``keys 第 2 项``."""
    name = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            name += f" 第 {part + 1} 项"
        elif name.endswith("项"):
            name += f"的 {part}"
        else:
            name += ("." if name else "") + str(part)
    return name


class At:
    """A path in a :class:`Located` document, the record owning it (its owner's words open
    every message: ``账号「wechat」的``) and the list the issues go to."""

    def __init__(
        self,
        loc: Located,
        issues: list[Issue],
        path: tuple[object, ...] = (),
        *,
        owner: str = "",
        base: tuple[object, ...] = (),
    ) -> None:
        self.loc = loc
        self.issues = issues
        self.path = path
        self.owner = owner
        self.base = base

    def child(self, key: object) -> At:
        return At(self.loc, self.issues, (*self.path, key), owner=self.owner, base=self.base)

    def owned(self, owner: str) -> At:
        """The same place, as the record named ``owner``: field names start here."""
        return At(self.loc, self.issues, self.path, owner=owner, base=self.path)

    @property
    def line(self) -> int:
        return self.loc.line(*self.path)

    @property
    def column(self) -> int:
        return self.loc.column(*self.path)

    @property
    def name(self) -> str:
        return field_name(self.path[len(self.base) :])

    def written(self) -> bool:
        """Whether the file writes this path (a key or an item), not only an ancestor."""
        return self.path in self.loc.lines

    def add(
        self,
        problem: str,
        *,
        label: str = "",
        rule: str = "field-type",
        severity: str = "error",
        value: object = "",
        name: str | None = None,
    ) -> Issue:
        """Record an issue at this place (``name`` replaces the field's name; "" = none)."""
        issue = Issue(
            line=self.line,
            column=self.column,
            field=self.name if name is None else name,
            label=label,
            problem=problem,
            rule=rule,
            severity=severity,
            owner=self.owner,
            value="" if value is None else str(value),
        )
        self.issues.append(issue)
        return issue

    def has_errors(self) -> bool:
        return any(issue.severity == "error" for issue in self.issues)
