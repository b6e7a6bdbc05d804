"""Dump generated YAML (workflows) with a private, predictable Dumper.

Every string value is double-quoted, so a value that looks like a number,
a boolean or a date (cpu: "2", value: "0.1", a tag like "1.10") stays a
string for YAML readers and for Argo's schema. Multi-line strings are
literal blocks. Keys keep the order they were built in; sequences are
indented under their key; nothing is ever written as an alias.
"""

from __future__ import annotations

import functools
from typing import Any


def dump_yaml(document: Any) -> str:
    import yaml

    return yaml.dump(
        document,
        Dumper=_dumper_class(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )


@functools.cache
def _dumper_class():
    """Build the Dumper once; yaml is imported only when something is dumped."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

        def increase_indent(self, flow: bool = False, indentless: bool = False):
            # Indent "- item" under its key, as Kubernetes manifests usually do.
            return super().increase_indent(flow, False)

        def represent_mapping(self, tag, mapping, flow_style=None):
            node = yaml.MappingNode(tag, [], flow_style=False)
            for key, value in mapping.items():
                # Keys stay plain (quoted only if YAML needs it).
                key_node = yaml.SafeDumper.represent_str(self, str(key))
                node.value.append((key_node, self.represent_data(value)))
            return node

    def represent_string(dumper, text: str):
        style = "|" if "\n" in text and _block_safe(text) else '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    Dumper.add_representer(str, represent_string)
    # User answers arrive as a str subclass that marks them for quoting.
    Dumper.add_multi_representer(str, represent_string)
    return Dumper


def _block_safe(text: str) -> bool:
    """A literal block keeps text exactly only without these."""
    lines = text.split("\n")
    return (
        text.endswith("\n")
        and not text.endswith("\n\n")
        and not any(line != line.rstrip() for line in lines)
        and not text.startswith((" ", "\n"))
        and "\t" not in text
        and "\r" not in text
    )
