"""Reading rendered pages in tests: find elements, read their text.

Built on django.test.html, the parser behind assertHTMLEqual, so tests
need no HTML library of their own.
"""

from django.test.html import Element, RootElement, normalize_whitespace, parse_html


def parse(response):
    """The document of a response; `elements` finds <html> in it too."""
    document = parse_html(response.content.decode())
    if isinstance(document, RootElement):
        return document
    root = RootElement()
    root.children.append(document)
    return root


def _matches(node, name, attributes):
    if node.name != name:
        return False
    present = dict(node.attributes)
    for key, wanted in attributes.items():
        if key == "class_":
            if wanted not in (present.get("class") or "").split():
                return False
        elif present.get(key.replace("_", "-")) != wanted:
            return False
    return True


def children(node):
    return [child for child in node.children if isinstance(child, Element)]


def elements(root, name, **attributes):
    """Every element called `name` under `root`, in document order.

    `class_="x"` matches an element that has class x among others; other
    keywords match attribute values exactly (`aria_current` is aria-current).
    """
    found = []
    for child in children(root):
        if _matches(child, name, attributes):
            found.append(child)
        found.extend(elements(child, name, **attributes))
    return found


def element(root, name, **attributes):
    """The one element called `name`; fails if there is none or several."""
    (found,) = elements(root, name, **attributes)
    return found


def attribute(node, name):
    return dict(node.attributes).get(name)


def text(node):
    """The text of a node, its words separated by single spaces."""
    if isinstance(node, str):
        return node
    return normalize_whitespace(" ".join(text(child) for child in node.children)).strip()


def texts(nodes):
    return [text(node) for node in nodes]


def shown_messages(response):
    """The one-off messages a page shows ("messages.html"), each as (its role, its text)."""
    return [(attribute(node, "role"), text(node)) for node in elements(parse(response), "p", class_="message")]


def menu(root):
    """The handbook menu as nested (title, address, children) tuples."""

    def items(ul):
        entries = []
        for li in children(ul):
            # The link; its fold button and the folded list (in a div) are beside it.
            (link,) = [child for child in children(li) if child.name == "a"]
            folds = [child for child in children(li) if child.name == "div"]
            nested = children(folds[0]) if folds else []
            entries.append((text(link), attribute(link, "href"), items(nested[0]) if nested else []))
        return entries

    lists = children(element(root, "nav", class_="side-menu"))
    return items(lists[0]) if lists else []
