"""``{live-example}``: MyST source shown as code, then rendered by the extension.

The source is written once: the directive shows its body as a Markdown code block and
parses the same body, so what the reader copies is exactly what produced the output below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class LiveExample(SphinxDirective):
    """Show the body as MyST source, then as the extension renders it."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        """A code block of the body and the parsed body, in one container."""
        text = "\n".join(self.content)
        source = nodes.literal_block(text, text, language="markdown")
        self.set_source_info(source)
        output = nodes.container(classes=["live-example-output"])
        output += self.parse_content_to_nodes()
        label = nodes.paragraph(classes=["live-example-label"])
        label += nodes.emphasis(text="Renders as:")
        return [nodes.container("", source, label, output, classes=["live-example"])]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register ``{live-example}``."""
    app.add_directive("live-example", LiveExample)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
