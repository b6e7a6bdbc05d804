"""Paths inside a loaded YAML document, and the source line they start on."""

import re

DocPath = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def format_path(path: DocPath) -> str:
    """Show a path the way people write it: ``spec.templates[2].container``."""
    shown = ""
    for part in path:
        if isinstance(part, int):
            shown += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            shown += f".{part}" if shown else part
        else:
            # Annotation keys such as sidecar.istio.io/inject hold dots.
            shown += f'["{part}"]'
    return shown


def line_of(node, path: DocPath) -> int | None:
    """The 1-based line where ``path`` starts in a composed YAML node tree.

    Stops at the deepest part of the path that exists, so a problem about a
    missing key still points at the mapping that lacks it.
    """
    import yaml

    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key, value in node.value:
                # The last duplicate wins, as it does when the YAML is loaded.
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    found = key, value
            if found is None:
                break
            line = found[0].start_mark.line + 1
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
