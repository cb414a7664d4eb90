"""Colours that stay readable: WCAG 2 contrast, and the tints of one colour.

The org charts are drawn in the association's own colour (handbook.site.
brand_colour), which may be any colour at all: pale yellow as well as navy.
Text on a fill is whichever of the page's ink and white reads better, and
lines are darkened until they stand out from the white page.
"""

INK = "#1c2430"  # the page's text colour (site.css)
WHITE = "#ffffff"
BLACK = "#000000"
TEXT_CONTRAST = 4.5  # WCAG 2, 1.4.3: normal text
GRAPHIC_CONTRAST = 3.0  # WCAG 2, 1.4.11: lines and shapes


def _channels(colour):
    return [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]


def luminance(colour):
    """WCAG's relative luminance of "#rrggbb", 0 (black) to 1 (white)."""
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in _channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    """WCAG's contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour, other, share):
    """`colour` with `share` (0 to 1) of `other` mixed in, as "#rrggbb"."""
    mixed = [round(255 * (a * (1 - share) + b * share)) for a, b in zip(_channels(colour), _channels(other))]
    return "#" + "".join(f"{value:02x}" for value in mixed)


def text_on(fill):
    """The text colour that reads best on `fill`: the page's ink, or white, or black if neither reaches 4.5:1."""
    best = max((INK, WHITE), key=lambda text: contrast(text, fill))
    return best if contrast(best, fill) >= TEXT_CONTRAST else max((BLACK, WHITE), key=lambda text: contrast(text, fill))


def strong(colour):
    """`colour`, darkened in steps until a line of it stands out from white (3:1)."""
    for step in range(11):
        darker = mix(colour, INK, step / 10)
        if contrast(darker, WHITE) >= GRAPHIC_CONTRAST:
            return darker
    return INK
