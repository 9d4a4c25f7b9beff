"""B1 readability for editors: the rules (rules), what of a page they read (page), and the
panel in the page editor (panel)."""

from cms.readability.page import analyse_page, jargon_list, page_texts
from cms.readability.panel import ReadabilityPanel
from cms.readability.rules import Jargon, analyse, html_to_text, split_sentences

__all__ = [
    "Jargon",
    "ReadabilityPanel",
    "analyse",
    "analyse_page",
    "html_to_text",
    "jargon_list",
    "page_texts",
    "split_sentences",
]
