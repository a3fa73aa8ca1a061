"""The social images' drawing: contrast, wrapping, cutting, characters the font lacks."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from sphinx_conference.outputs import social
from sphinx_conference.outputs.favicon import contrast
from sphinx_conference.outputs.social import Card, draw, drawable, font, wrap

LONG = (
    "Supercalifragilisticexpialidocious: a very long session title about zero trust, "
    "supply chains, security and community pitfalls across the whole ecosystem of open "
    "source software, which goes on and on"
)


def test_every_text_colour_reads_at_4_5_to_1():
    found = social.text_contrasts()
    assert set(found) == {"title", "body", "label", "footer"}
    for name, ratio in found.items():
        assert ratio >= 4.5, (name, ratio)


def test_the_drawn_colours_are_the_palette_checked():
    png = draw(Card("events", "e", "Event", "Title", ("7 May 2024",), "Site"))
    image = Image.open(io.BytesIO(png))
    palette = image.getpalette()
    used = {index for _, index in image.getcolors()}
    ground = "#" + bytes(palette[0:3]).hex()
    assert ground == social.GROUND
    for level in (social.TITLE_LEVEL, social.BODY_LEVEL, social.LABEL_LEVEL, social.FOOTER_LEVEL):
        assert level in used
        colour = "#" + bytes(palette[3 * level : 3 * level + 3]).hex()
        assert colour == social.level_colour(level)
        assert contrast(colour, ground) >= 4.5


def test_contrast_of_known_colours():
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast(social.level_colour(0), social.GROUND) == pytest.approx(1)


def test_long_titles_wrap_and_end_with_an_ellipsis():
    face = font(54)
    lines = wrap(LONG, face, 1056, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(face.getlength(line) <= 1056 for line in lines)
    assert wrap("Short", face, 1056, 3) == ["Short"]


def test_a_word_longer_than_a_line_is_broken():
    face = font(54)
    lines = wrap("x" * 200, face, 600, 5)
    assert len(lines) > 1
    assert all(face.getlength(line) <= 600 for line in lines)


def test_characters_the_font_lacks():
    # Pillow's own font has ASCII letters only: accents fall back to the plain letter,
    # dashes to a hyphen, and other scripts are left (drawn as boxes).
    assert drawable("José Müller – Łukasz") == "Jose Muller - Lukasz"
    assert drawable("東京") == "東京"
    assert drawable("  two\n spaces ") == "two spaces"


@pytest.mark.parametrize(
    "title", ["東京でのトーク", "Встреча разработчиков", "مؤتمر البرمجيات", "🎉" * 40, "", LONG * 3]
)
def test_any_text_draws_a_1200x630_png(title):
    card = Card("sessions", "e/s", title, title, (title, title, title, title), title)
    image = Image.open(io.BytesIO(draw(card)))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_the_alt_text_says_what_the_image_shows():
    card = Card("posts", "p", "Post", "Hello", ("7 May 2024", "By Ada"), "Site")
    assert card.alt == "Post. Hello. 7 May 2024. By Ada"
    assert card.path == "_social/posts/p.png"
