"""Regular expressions of the unit's rule files that cannot backtrack super-linearly.

A unit rule file's ``pattern`` (and a gate's ``needs``) comes from the branch under review,
and ``govmedia check``, ``govmedia approve`` and the server's pre-receive hook compile and run
it. Python's ``re`` backtracks: ``(a+)+$`` or ``(\\w|\\d)*x`` take exponential time on a short
text. :func:`problem` reads a pattern with ``re._parser`` (the parser ``re.compile`` uses)
and refuses, conservatively (when it cannot show a pattern safe, it refuses it):

- backreferences and conditionals (``\\1``, ``(?(1)…)``): matching them is NP-hard;
- a repetition inside a lookaround (each is tried at every position);
- a repetition inside a repetition (``(a+)+``, ``(?:a{1,3})*``), and a repetition whose
  body can match the empty text (``(a?)*``): the matcher tries every way to share a run out;
- ambiguity in the position automaton (Glushkov) of the pattern: two different paths
  from one state back to it over one text (exponential: ``(\\w|\\d)*``, ``(a?a)+``), or
  paths p→p, p→q, q→q over one text (polynomial: ``\\d*\\d*x``, ``.*a.*b``), or more than
  :data:`MAX_JOINS` places where two paths over one text meet again (``(a|a)(a|a)…``);
- a pattern longer than :data:`MAX_LENGTH` characters, a bound above :data:`MAX_BOUND`,
  more than :data:`MAX_POSITIONS` positions once counted repetitions are written out, or an
  analysis above :data:`BUDGET` steps ("too complex to show safe"); the patterns of one
  load of the unit's files, or of one push, share :data:`TOTAL_BUDGET` steps
  (:func:`allowance`), so the check itself stays fast however many patterns a branch adds.

Without these, the matcher does at most a constant number of paths per text it reads, so
one match attempt is linear and a search over a window of text is at most quadratic in the
window; :mod:`.pattern` runs the unit's patterns over windows of bounded size, and the search
cost of one allowance's patterns is bounded as well (:mod:`.regex_cost`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from pipeline.rules.rule_kinds import regex_cost
from pipeline.rules.rule_kinds.regex_sets import CharSet

MAX_LENGTH = 400  # characters of a pattern
MAX_BOUND = 200  # the largest written bound of a repetition, {m,n}
MAX_POSITIONS = 1500  # character positions once counted repetitions are written out
MAX_JOINS = 16  # places where two paths over one text meet again
BUDGET = 50_000  # steps of the analysis of one pattern (the package's take at most 8,300)
TOTAL_BUDGET = 1_000_000  # steps for every pattern read under one allowance (:func:`allowance`)
_left: ContextVar[list[int] | None] = ContextVar("regex_safety_left", default=None)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_NESTING = ("", "bounded", "unbounded")


class Unsafe(Exception):
    """Why a pattern is refused: a Chinese sentence."""


@contextmanager
def allowance() -> Iterator[None]:
    """The patterns checked inside share :data:`TOTAL_BUDGET` steps of analysis and a search
    budget (:mod:`.regex_cost`; one load of the unit's files, one push): many patterns cannot
    make the check, or their search, slow. Nested, the outer allowance counts."""
    if _left.get() is not None:
        yield
        return
    token = _left.set([TOTAL_BUDGET, regex_cost.SEARCH_BUDGET])
    try:
        yield
    finally:
        _left.reset(token)


def problem(pattern: str, *, search: bool = True) -> str | None:
    """Why ``pattern`` may backtrack super-linearly or (``search``) cost too much, or None."""
    if len(pattern) > MAX_LENGTH:
        return f"长度 {len(pattern)} 个字符，超过上限 {MAX_LENGTH}。"
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        return f"不是有效的正则表达式（{exc}）。"
    left = _left.get()
    automaton = _Automaton(BUDGET if left is None else min(BUDGET, left[0]))
    try:
        _structure(parsed.data, in_repeat="")
        first, _last, _null = automaton.build(parsed.data, parsed.state.flags)
        automaton.follow[0] = set(first)
        automaton.ambiguity()
    except Unsafe as exc:
        return str(exc)
    finally:
        if left is not None:
            left[0] = max(0, left[0] - automaton.steps)
    return regex_cost.refusal(automaton, parsed.data, left) if search else None


def _structure(items: Iterable[tuple[Any, Any]], *, in_repeat: str) -> None:
    """Refuse backreferences, busy lookarounds, nested and empty-matching repetitions;
    ``in_repeat``: "", "bounded" or "unbounded", the repetitions around ``items``."""
    for op, av in items:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            raise Unsafe("含反向引用或条件分组（\\1、(?P=名称)、(?(1)…)），匹配可能耗费指数时间。")
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            if _has(av[1].data, _REPEATS):
                raise Unsafe("断言（(?=…)、(?!…)、(?<=…)、(?<!…)）中含量词，会在每个位置反复回溯。")
            _structure(av[1].data, in_repeat=in_repeat)
        elif op in _REPEATS:
            low, high, body = av
            for bound in (low, high):
                if bound != sre.MAXREPEAT and bound > MAX_BOUND:
                    raise Unsafe(f"重复次数上限 {bound} 超过 {MAX_BOUND}。")
            unbounded = high == sre.MAXREPEAT
            if (high > 1 and in_repeat == "unbounded") or (unbounded and in_repeat):
                raise Unsafe("量词嵌套（如 (a+)+、(?:a*)*），匹配可能耗费指数时间。")
            if body.getwidth()[0] == 0:
                raise Unsafe(
                    "重复的部分可以匹配空文本（如 (a?)*、(?:a?)?），匹配可能耗费指数时间。"
                )
            here = "unbounded" if unbounded else ("bounded" if high > 1 else "")
            _structure(body.data, in_repeat=max(in_repeat, here, key=_NESTING.index))
        elif op == sre.BRANCH:
            if sum(1 for branch in av[1] if branch.getwidth()[0] == 0) > 1:
                raise Unsafe(
                    "有两个以上的分支可以匹配空文本（如 (a|a)*、(a|)*，Python 会把它们的共同前缀"
                    "提出来），匹配可能耗费指数时间。"
                )
            for branch in av[1]:
                _structure(branch.data, in_repeat=in_repeat)
        elif op == sre.SUBPATTERN:
            _structure(av[3].data, in_repeat=in_repeat)
        elif op == getattr(sre, "ATOMIC_GROUP", None):
            _structure(av.data, in_repeat=in_repeat)


def _has(items: Iterable[tuple[Any, Any]], ops: tuple[Any, ...]) -> bool:
    for op, av in items:
        if op in ops:
            return True
        for sub in _children(op, av):
            if _has(sub.data, ops):
                return True
    return False


def _children(op: Any, av: Any) -> list[Any]:
    if op == sre.BRANCH:
        return list(av[1])
    if op == sre.SUBPATTERN:
        return [av[3]]
    if op in _REPEATS:
        return [av[2]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op == getattr(sre, "ATOMIC_GROUP", None):
        return [av]
    return []


Fragment = tuple[set[int], set[int], bool]  # first positions, last positions, nullable


class _Automaton:
    """The position (Glushkov) automaton of a pattern: state 0 before any character, state
    i > 0 after reading position i; ``follow[i]``: the positions that may come next."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.sets: list[CharSet | None] = [None]
        self.follow: dict[int, set[int]] = {0: set()}
        self.steps = 0
        self.joins = 0
        self._overlap: dict[tuple[int, int], bool] = {}

    def build(self, items: list[tuple[Any, Any]], flags: int) -> Fragment:
        """The fragment of a sequence of items."""
        first: set[int] = set()
        last: set[int] = set()
        nullable = True
        for op, av in items:
            f, lst, null = self._item(op, av, flags)
            for p in last:
                self.follow[p] |= f
            if nullable:
                first |= f
            last = (last | lst) if null else set(lst)
            nullable = nullable and null
        return first, last, nullable

    def _item(self, op: Any, av: Any, flags: int) -> Fragment:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            return self._position(CharSet(op, av, flags))
        if op in _ZERO_WIDTH:
            return set(), set(), True
        if op == sre.SUBPATTERN:
            return self.build(av[3].data, (flags | av[1]) & ~av[2])
        if op == getattr(sre, "ATOMIC_GROUP", None):
            return self.build(av.data, flags)
        if op == sre.BRANCH:
            first: set[int] = set()
            last: set[int] = set()
            nullable = False
            for branch in av[1]:
                f, lst, null = self.build(branch.data, flags)
                first, last, nullable = first | f, last | lst, nullable or null
            return first, last, nullable
        if op in _REPEATS:
            return self._repeat(av[0], av[1], av[2].data, flags)
        raise Unsafe("含无法分析的写法，无法证明不会灾难性回溯。")

    def _position(self, chars: CharSet) -> Fragment:
        self._tick()
        index = len(self.sets)
        if index > MAX_POSITIONS:
            raise Unsafe(f"展开计数重复后超过 {MAX_POSITIONS} 个字符位置，过于复杂。")
        self.sets.append(chars)
        self.follow[index] = set()
        return {index}, {index}, False

    def _repeat(self, low: int, high: int, body: list[tuple[Any, Any]], flags: int) -> Fragment:
        """``body{low,high}`` written out: low copies, then nested optional copies (the
        matcher counts, so ``x{0,2}`` is ``(x(x)?)?``, not ``x?x?``) or one starred copy."""
        parts: list[Fragment] = [self.build(body, flags) for _ in range(low)]
        if high == sre.MAXREPEAT:
            f, lst, _null = self.build(body, flags)
            for p in lst:
                self.follow[p] |= f
            parts.append((f, lst, True))
        else:
            tail: Fragment | None = None
            for _ in range(high - low):
                f, lst, _null = self.build(body, flags)
                if tail is not None:
                    for p in lst:
                        self.follow[p] |= tail[0]
                    lst = lst | tail[1]
                tail = (f, lst, True)
            if tail is not None:
                parts.append(tail)
        return _concat(self.follow, parts)

    def overlap(self, a: int, b: int) -> bool:
        key = (a, b) if a < b else (b, a)
        if key not in self._overlap:
            sa, sb = self.sets[a], self.sets[b]
            if a == b or sa is None or sb is None:
                self._overlap[key] = a == b
            else:
                self._overlap[key], work = sa.overlaps(sb)
                self._tick(work)
        return self._overlap[key]

    def _tick(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.budget:
            if self.budget < BUDGET:
                raise Unsafe(
                    f"与前面的正则表达式合计过于复杂（合计上限 {TOTAL_BUDGET} 步），"
                    "无法证明不会灾难性回溯；请减少或简化本单位的正则表达式。"
                )
            raise Unsafe("过于复杂，无法在限定的步数内证明不会灾难性回溯。")

    def ambiguity(self) -> None:
        """Refuse exponential (two paths p→p over one text), polynomial (p→p, p→q, q→q)
        and too many meeting paths; ``(x, y)`` pairs are states reached over one text."""
        pairs = self._pairs()
        joins = 0
        for (a, b), nexts in pairs.items():
            if a != b:
                joins += sum(1 for c, d in nexts if c == d)
        self.joins = joins
        if joins > MAX_JOINS:
            raise Unsafe(f"同一段文本有过多（{joins} 处）不同的匹配路径，回溯代价过高。")
        for group in _components(pairs):
            if any(a == b for a, b in group) and any(a != b for a, b in group):
                raise Unsafe(
                    "有重复的部分可以用两种方式匹配同一段文本（如 (\\w|\\d)*、(a?a)+），"
                    "匹配可能耗费指数时间。"
                )
        self._polynomial()

    def _step(self, states: tuple[int, ...]) -> list[tuple[int, ...]]:
        """The tuples of states reached by reading one more character from ``states``."""
        result: list[tuple[int, ...]] = [()]
        for s in states:
            self._tick(len(result) * len(self.follow[s]) * len(states) + 1)
            result = [
                (*prefix, n)
                for prefix in result
                for n in self.follow[s]
                if all(self.overlap(n, m) for m in prefix)
            ]
        return result

    def _pairs(self) -> dict[tuple[int, int], list[tuple[int, int]]]:
        """Every pair of states reachable from the start over one text, with its successors."""
        graph: dict[tuple[int, int], list[tuple[int, int]]] = {}
        todo: list[tuple[int, int]] = [(0, 0)]
        while todo:
            pair = todo.pop()
            if pair in graph:
                continue
            nexts = [(a, b) for a, b in self._step(pair)]
            graph[pair] = nexts
            todo += [n for n in nexts if n not in graph]
        return graph

    def _polynomial(self) -> None:
        reach = {}
        for p in range(1, len(self.sets)):
            reach[p] = _reach(self.follow, p)
            self._tick(len(reach[p]) + 1)
        looping = [p for p in reach if p in reach[p]]
        for p in looping:
            ahead = reach[p]
            for q in looping:
                if q == p or q not in ahead:
                    continue
                if self._triple_path((p, p, q), (p, q, q)):
                    raise Unsafe(
                        "两段重复可以分摊同一段文本（如 \\d*\\d*x、.*a.*b），"
                        "匹配耗费的时间随文本长度多项式增长。"
                    )

    def _triple_path(self, start: tuple[int, ...], goal: tuple[int, ...]) -> bool:
        seen = {start}
        todo = [start]
        while todo:
            for n in self._step(todo.pop()):
                if n == goal:
                    return True
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return False


def _concat(follow: dict[int, set[int]], parts: list[Fragment]) -> Fragment:
    first: set[int] = set()
    last: set[int] = set()
    nullable = True
    for f, lst, null in parts:
        for p in last:
            follow[p] |= f
        if nullable:
            first |= f
        last = (last | lst) if null else set(lst)
        nullable = nullable and null
    return first, last, nullable


def _reach(follow: dict[int, set[int]], start: int) -> set[int]:
    """The states reachable from ``start`` in one or more steps."""
    seen: set[int] = set()
    todo = list(follow[start])
    while todo:
        s = todo.pop()
        if s not in seen:
            seen.add(s)
            todo += follow[s]
    return seen


def _components(graph: dict[tuple[int, int], list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """The strongly connected components of ``graph`` (Tarjan's algorithm, iterative)."""
    index: dict[tuple[int, int], int] = {}
    low: dict[tuple[int, int], int] = {}
    stack: list[tuple[int, int]] = []
    on_stack: set[tuple[int, int]] = set()
    result: list[list[tuple[int, int]]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            nexts = graph.get(node, [])
            if i < len(nexts):
                work.append((node, i + 1))
                child = nexts[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    group.append(top)
                    if top == node:
                        break
                result.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result
