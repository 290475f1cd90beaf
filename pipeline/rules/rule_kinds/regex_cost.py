"""What one search of a unit pattern may cost, counted from its position automaton, without
running it (for :mod:`.regex_safety`).

A pattern that passed :func:`.regex_safety.problem` follows a constant number of paths per
text, so one match attempt visits each pair (state of the automaton, characters read) a
constant number of times. :func:`attempt_pairs` counts those pairs: a state reached only
after exactly ``k`` characters (``x{3}``'s second ``x``) counts once, a state inside or after
an unbounded repetition counts once for every length up to the window (``x+``), so a
counted repetition costs what it can read and an unbounded one the whole window. The
constant is estimated as one plus the places where two paths over one text meet again, and
a lookaround (no repetition inside) may read its width at every pair. A search tries an
attempt at every position of a window (:mod:`.pattern`): :func:`refusal` counts the steps
per position, whatever the text, and bounds their sum over one load's patterns.
"""

from __future__ import annotations

from collections import deque
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any, Protocol

WINDOW = 600  # characters a unit pattern's search reads at once (:mod:`.pattern`)
# Steps (:func:`refusal`) per position of a window for every unit pattern of one load
# together: an unbounded ``\d+`` takes 601, ``\w+?丁`` 1,200, ``\d{6}`` 7, and
# ``\w{2,9}\w+?(?:\w\w|\w)?丁`` 40,885. Measured, a load at the budget searches a
# 19,000-character text in well under a second (docs/threat-model.md).
SEARCH_BUDGET = 4_000
COSTLY = "搜索代价过高："  # how a refusal of this module begins (``fields`` words it apart)


class Automaton(Protocol):
    """What is counted of :class:`.regex_safety._Automaton` once it is shown safe."""

    follow: dict[int, set[int]]  # state -> the states that may come next; 0: the start
    joins: int  # places where two paths over one text meet again


def attempt_pairs(follow: dict[int, set[int]], window: int) -> int:
    """The pairs (state, characters read) one attempt may visit in a window of ``window``
    characters; ``follow``: the position automaton, state 0 before any character."""
    shortest = _shortest(follow)
    longest = _longest(follow, shortest)
    total = 0
    for state, low in shortest.items():
        if low <= window:
            total += min(longest.get(state, window), window) - low + 1
    return total


def lookaround_width(items: list[tuple[Any, Any]]) -> int:
    """The characters all the lookarounds of a parsed pattern read at most, together."""
    total = 0
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            total += min(av[1].getwidth()[1], WINDOW) + lookaround_width(av[1].data)
        elif op == sre.BRANCH:
            total += sum(lookaround_width(branch.data) for branch in av[1])
        elif op == sre.SUBPATTERN:
            total += lookaround_width(av[3].data)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            total += lookaround_width(av[2].data)
        elif op == getattr(sre, "ATOMIC_GROUP", None):
            total += lookaround_width(av.data)
    return total


def _shortest(follow: dict[int, set[int]]) -> dict[int, int]:
    """The fewest characters read on a path to each reachable state."""
    distance = {0: 0}
    todo = deque([0])
    while todo:
        state = todo.popleft()
        for n in follow[state]:
            if n not in distance:
                distance[n] = distance[state] + 1
                todo.append(n)
    return distance


def _longest(follow: dict[int, set[int]], reachable: dict[int, int]) -> dict[int, int]:
    """The most characters read on a path to each reachable state that no cycle leads to
    (Kahn's order); a state missing from the result is on or after a cycle: unbounded."""
    indegree = dict.fromkeys(reachable, 0)
    for state in reachable:
        for n in follow[state]:
            indegree[n] += 1
    longest = {0: 0} if indegree[0] == 0 else {}
    todo = deque(s for s, d in indegree.items() if d == 0)
    while todo:
        state = todo.popleft()
        for n in follow[state]:
            longest[n] = max(longest.get(n, 0), longest[state] + 1)
            indegree[n] -= 1
            if indegree[n] == 0:
                todo.append(n)
    return {s: length for s, length in longest.items() if indegree[s] == 0}


def refusal(
    automaton: Automaton, items: list[tuple[Any, Any]], left: list[int] | None
) -> str | None:
    """Why a pattern's search costs more than :data:`SEARCH_BUDGET` per position of a window,
    alone or (``left``: what the load's earlier patterns left) with the load's others; charges
    ``left``. ``automaton.joins``: the places where two paths over one text meet again, each
    one more path the matcher may follow over the rest of the window; ``items``: the parsed pattern,
    whose lookarounds (no repetition inside, :mod:`.regex_safety`) may each be read at every
    pair an attempt visits."""
    paths = automaton.joins + 1
    cost = attempt_pairs(automaton.follow, WINDOW) * paths * (1 + lookaround_width(items))
    available = SEARCH_BUDGET if left is None else left[1]
    if cost <= available:
        if left is not None:
            left[1] -= cost
        return None
    if cost <= SEARCH_BUDGET:
        why = f"与本次读取的前面的正则表达式合计，每个起点的匹配最多要走 {SEARCH_BUDGET - available + cost} 步"
    else:
        why = f"在每个 {WINDOW} 字符的窗口中，每个起点的匹配最多要走 {cost} 步"
    return (
        f"{COSTLY}{why}（状态 × 可读到的字符数 × 匹配路径数），超过本单位正则表达式的合计上限 "
        f"{SEARCH_BUDGET} 步，会拖慢审核者对长文的检查。请用有上限的重复（如 \\d{{1,20}}、"
        "[一-龥]{2,8}）代替 +、*，或减少可以多种方式匹配同一段文本的写法。"
    )
