"""The reference pages, generated at build time from the extension's own schema.

``{conference-reference} directives`` (or ``roles``, ``front-matter``, ``settings``) emits
the tables of the reference from what the code itself reads:

- directive options and post front-matter keys from :mod:`sphinx_conference.core.rules`
  (the descriptions the directives, ``check`` and ``new`` are made from);
- roles from :data:`sphinx_conference.core.rules.ROLES`;
- ``conference_*`` settings from the build's own configuration registry, that is what
  ``sphinx_conference`` (from :data:`sphinx_conference.core.config.CONFIG`) and
  ``sphinx_conference.speedups`` registered, with their descriptions.

So the reference cannot drift from the code; ``tests/test_docs.py`` fails when something
registered has no description here.  Nothing is written into the source tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from sphinx_conference.core import rules

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: where each directive is shown live (docnames of the docs)
EXAMPLES = {
    "speaker": "examples/people/ada-lovelace",
    "event": "examples/events/pycon-2027",
    "session": "examples/events/pycon-2027",
    "speaker-card": "examples/index",
    "speaker-list": "examples/index",
    "session-list": "examples/lists",
    "post-list": "examples/index",
    "event-list": "examples/index",
    "tags": "examples/posts/hello-pycon",
}

#: the order the directives are presented in: objects, then cards and lists, then tags
ORDER = ("speaker", "event", "session", "speaker-card", "speaker-list", "session-list")


@dataclass(frozen=True)
class Option:
    """One row of a directive's (or the front matter's) table."""

    name: str
    value: str
    description: str
    default: str


@dataclass(frozen=True)
class DirectiveDoc:
    """What the reference says about one directive."""

    name: str
    summary: str
    argument: str
    content: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class SettingDoc:
    """What the reference says about one ``conference_*`` setting."""

    name: str
    default: str
    types: str
    rebuild: str
    description: str


def directive_specs() -> list[rules.Directive]:
    """Every directive the rules describe, ``{tags}`` included, in reading order."""
    specs = [*rules.DIRECTIVES.values(), rules.TAGS]
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(specs, key=lambda d: (rank.get(d.name, len(ORDER)), d.name != "tags"))


def _value(f: rules.Field) -> str:
    if f.flag:
        return "flag (no value)"
    parts = []
    if f.choices:
        parts.append("one of " + ", ".join(f"`{c}`" for c in f.choices))
    elif f.separator:
        parts.append(f"a list separated by `{f.separator}`")
    elif f.plain:
        parts.append("plain text")
    elif f.parse is not None:
        parts.append("checked (a bad value is a warning)")
    else:
        parts.append("text")
    if f.example and f.example not in {"minutes"}:
        parts.append(f"e.g. `{f.example}`")
    if f.required:
        parts.append("**required**")
    return "; ".join(parts)


def _default(f: rules.Field) -> str:
    if f.flag or f.required:
        return ""
    if f.default in (None, "", 0, (), False) and not f.choices:
        return ""
    if f.default in (None, "", 0):
        return "none" if f.default != 0 else ""
    return f"`{f.default}`"


def field_rows(fields: tuple[rules.Field, ...]) -> tuple[Option, ...]:
    """The reference rows of ``fields``."""
    return tuple(Option(f.name, _value(f), f.what, _default(f)) for f in fields)


def directive_docs() -> list[DirectiveDoc]:
    """What the reference says about every directive."""
    return [
        DirectiveDoc(d.name, d.summary, d.argument_what, d.content_what, field_rows(d.fields))
        for d in directive_specs()
    ]


def front_matter_rows() -> tuple[Option, ...]:
    """The rows of a post's front-matter keys."""
    return field_rows(rules.POST_FIELDS)


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, frozenset):
        return repr(sorted(value))
    return repr(value)


def setting_docs(config: Config) -> list[SettingDoc]:
    """Every ``conference_*`` value registered in ``config``, with its description."""
    docs = []
    for name, opt in sorted(config.values.items()):
        if not name.startswith("conference_"):
            continue
        types = getattr(opt, "valid_types", ())
        names = sorted(t.__name__ for t in types) if isinstance(types, (tuple, frozenset)) else []
        docs.append(
            SettingDoc(
                name,
                _literal(opt.default),
                " or ".join(names),
                opt.rebuild or "nothing",
                getattr(opt, "description", ""),
            )
        )
    return docs


# -- docutils nodes --------------------------------------------------------------------------


def _table(directive: SphinxDirective, head: list[str], rows: list[list[str]]) -> nodes.table:
    """A table whose cells are parsed as inline MyST (backticks, bold)."""
    table = nodes.table(classes=["conference-reference"])
    group = nodes.tgroup(cols=len(head))
    table += group
    for _ in head:
        group += nodes.colspec(colwidth=1)
    thead = nodes.thead()
    group += thead
    thead += _row(directive, head)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(directive, row)
    return table


def _row(directive: SphinxDirective, cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        if text:
            para = nodes.paragraph()
            inline, messages = directive.parse_inline(text)
            para += inline
            entry += para
            entry += messages
        row += entry
    return row


class ReferenceDirective(SphinxDirective):
    """``{conference-reference} directives|roles|front-matter|settings``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def parse_inline(self, text: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Inline markup of one table cell."""
        return self.state.inline_text(text, self.lineno)

    def run(self) -> list[nodes.Node]:
        """The nodes of one part of the reference."""
        what = self.arguments[0]
        if what == "directives":
            return [node for doc in directive_docs() for node in self.directive_section(doc)]
        if what == "front-matter":
            return [self.options_table(front_matter_rows(), "key")]
        if what == "roles":
            rows = [
                [f"`{{{r.name}}}`", r.what, " ".join(f"`` {e.strip()} ``" for e in [r.example])]
                for r in rules.ROLES
            ]
            table = _table(self, ["role", "what it does", "example"], rows)
            for row, role in zip(table.findall(nodes.row), [None, *rules.ROLES], strict=True):
                if role is not None:
                    self.label(row, f"role-{role.name}")
            return [table]
        if what == "settings":
            return self.settings_table()
        raise self.error(f"unknown part {what!r}: directives, roles, front-matter or settings")

    def directive_section(self, doc: DirectiveDoc) -> list[nodes.Node]:
        """A section for one directive: its summary, argument, body and options."""
        section = nodes.section()
        title = nodes.title()
        title += nodes.literal(text=f"{{{doc.name}}}")
        section += title
        self.label(section, f"directive-{doc.name}")
        section += nodes.paragraph("", doc.summary)
        facts = nodes.bullet_list()
        for label, text in (("Argument", doc.argument), ("Body", doc.content)):
            item = nodes.list_item()
            para = nodes.paragraph()
            para += nodes.strong(text=f"{label}: ")
            para += nodes.Text(text or "none")
            item += para
            facts += item
        example = EXAMPLES.get(doc.name)
        if example:
            item = nodes.list_item()
            para = nodes.paragraph()
            para += nodes.strong(text="Live example: ")
            ref = addnodes.pending_xref(
                "", refdomain="std", reftype="doc", reftarget=f"/{example}", refexplicit=False
            )
            ref += nodes.inline(text=example)
            para += ref
            item += para
            facts += item
        section += facts
        if doc.options:
            section += self.options_table(doc.options, "option")
        else:
            section += nodes.paragraph("", "No options.")
        return [section]

    def options_table(self, options: tuple[Option, ...], label: str) -> nodes.table:
        """A table of options (or front-matter keys)."""
        rows = [[f"`{o.name}`", o.value, o.description, o.default] for o in options]
        return _table(self, [label, "value", "description", "default"], rows)

    def settings_table(self) -> list[nodes.Node]:
        """A table of every ``conference_*`` setting."""
        docs = setting_docs(self.config)
        rows = [[f"`{s.name}`", s.description, f"`{s.default}`", s.types] for s in docs]
        table = _table(self, ["setting", "description", "default", "type"], rows)
        for row, doc in zip(table.findall(nodes.row), [None, *docs], strict=True):
            if doc is not None:
                self.label(row, doc.name)
        return [table]

    def label(self, node: nodes.Element, name: str) -> None:
        """Make ``name`` a label of ``node`` (for ``{ref}`` and links with an anchor)."""
        node["names"].append(name)
        self.state.document.note_explicit_target(node, node)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the reference directive."""
    app.add_directive("conference-reference", ReferenceDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
