"""Safe YAML reading that remembers the line of every value (for error messages)."""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap")


class UnsafeTagError(yaml.YAMLError):
    def __init__(self, tag: str, line: int) -> None:
        super().__init__(f"tag {tag!r} is not allowed (plain YAML only)")
        self.problem = str(self)
        self.problem_mark = None
        self.line = line


class DuplicateKeyError(ValueError):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(f"key {key!r} appears twice")
        self.key = key
        self.line = line


def load_with_lines(text: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML with the safe loader; return the data and a map YAML path -> 1-based line."""
    loader = yaml.SafeLoader(text)
    lines: dict[Path, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines

        def convert(n: yaml.Node, path: Path) -> Any:
            lines[path] = n.start_mark.line + 1
            if isinstance(n, yaml.MappingNode | yaml.SequenceNode) and n.tag not in _PLAIN_TAGS:
                raise UnsafeTagError(n.tag, n.start_mark.line + 1)
            if isinstance(n, yaml.MappingNode):
                loader.flatten_mapping(n)
                out: dict[Any, Any] = {}
                for k, v in n.value:
                    key = loader.construct_object(k, deep=True)
                    if isinstance(key, int | float | bool):
                        key = key if isinstance(key, int) and not isinstance(key, bool) else str(key)
                    if key in out:
                        raise DuplicateKeyError(str(key), k.start_mark.line + 1)
                    out[key] = convert(v, (*path, key))
                return out
            if isinstance(n, yaml.SequenceNode):
                return [convert(v, (*path, i)) for i, v in enumerate(n.value)]
            return loader.construct_object(n, deep=True)

        return convert(node, ()), lines
    finally:
        loader.dispose()


def path_text(path: Path) -> str:
    """`pillars[0].sub_pillars[1].topics[2].levels.3` style text of a YAML path."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool) and out:
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
