"""The tree a rule expression parses into. Nodes are frozen and carry their source span."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, eq=False)
class Node:
    start: int = field(default=0, kw_only=True)
    end: int = field(default=0, kw_only=True)


@dataclass(frozen=True, eq=False)
class Num(Node):
    value: float


@dataclass(frozen=True, eq=False)
class Str(Node):
    value: str


@dataclass(frozen=True, eq=False)
class Bool(Node):
    value: bool


@dataclass(frozen=True, eq=False)
class Prev(Node):
    """The rule of the level below holds."""


@dataclass(frozen=True, eq=False)
class Ref(Node):
    """An input code."""

    code: str


@dataclass(frozen=True, eq=False)
class SetLit(Node):
    items: tuple[Num | Str, ...]


@dataclass(frozen=True, eq=False)
class Call(Node):
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True, eq=False)
class Not(Node):
    operand: Node


@dataclass(frozen=True, eq=False)
class And(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, eq=False)
class Or(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, eq=False)
class Compare(Node):
    op: str  # == != < <= > >=
    left: Node
    right: Node


@dataclass(frozen=True, eq=False)
class In(Node):
    left: Node
    right: Node
    negated: bool = False


@dataclass(frozen=True, eq=False)
class Arith(Node):
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True, eq=False)
class Neg(Node):
    operand: Node


def walk(node: Node) -> list[Node]:
    """The node and all nodes below it, depth first."""
    out = [node]
    for child in children(node):
        out.extend(walk(child))
    return out


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, And | Or):
        return node.items
    if isinstance(node, Not | Neg):
        return (node.operand,)
    if isinstance(node, Compare | In | Arith):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, SetLit):
        return node.items
    return ()
