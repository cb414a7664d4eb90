"""The forms of a rendered page, read as a browser reads them, to post them back as a browser would.

Python's own HTML parser, not django.test.html: a textarea's text must keep
its line breaks, as a browser sends them.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # input type ("text", "hidden", "date", "checkbox", …), "textarea" or "select"
    value: str = ""
    checked: bool = False
    options: list = field(default_factory=list)  # (value, selected) of a select
    multiple: bool = False
    required: bool = False


@dataclass
class Form:
    action: str | None
    method: str
    fields: list = field(default_factory=list)

    def data(self):
        """What the browser posts when the form is sent as it stands: {name: [values]}."""
        posted = {}
        for item in self.fields:
            if item.kind in ("submit", "button", "reset", "image", "file"):
                continue
            if item.kind in ("checkbox", "radio"):
                if item.checked:
                    posted.setdefault(item.name, []).append(item.value or "on")
            elif item.kind == "select":
                chosen = [value for value, selected in item.options if selected]
                if not chosen and item.options and not item.multiple:
                    chosen = [item.options[0][0]]
                posted.setdefault(item.name, []).extend(chosen)
            else:
                posted.setdefault(item.name, []).append(item.value)
        return posted

    def names(self):
        return list(dict.fromkeys(item.name for item in self.fields if item.name))


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.textarea, self.select, self.option = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.form = Form(attributes.get("action"), (attributes.get("method") or "get").lower())
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and attributes.get("name"):
            self.form.fields.append(
                Field(
                    attributes["name"],
                    (attributes.get("type") or "text").lower(),
                    attributes.get("value") or "",
                    checked="checked" in attributes,
                    required="required" in attributes,
                )
            )
        elif tag == "textarea" and attributes.get("name"):
            self.textarea = Field(attributes["name"], "textarea", required="required" in attributes)
            self.form.fields.append(self.textarea)
        elif tag == "select" and attributes.get("name"):
            self.select = Field(
                attributes["name"], "select", multiple="multiple" in attributes, required="required" in attributes
            )
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = [attributes.get("value"), "selected" in attributes, ""]
            self.select.options.append(self.option)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            if self.select is not None:
                self.select.options = [
                    (value if value is not None else label.strip(), selected) for value, selected, label in self.select.options
                ]
            self.select = None
        elif tag == "option":
            self.option = None

    def handle_data(self, data):
        if self.textarea is not None:
            # A browser drops the one line break that starts a textarea's text.
            self.textarea.value += data.removeprefix("\n") if not self.textarea.value else data
        elif self.option is not None:
            self.option[2] += data


def forms_of(html):
    reader = _Reader()
    reader.feed(html)
    return reader.forms


def form_posting_to(html, address, page_address):
    """The post form of the page that sends to `address` (a form without action sends to the page itself)."""
    found = [
        form
        for form in forms_of(html)
        if form.method == "post" and (form.action or page_address).split("#")[0] in (address, "")
    ]
    assert len(found) == 1, f"expected one form posting to {address} on {page_address}, found {len(found)}"
    return found[0]


def submit(client, address, data):
    """Post `data` to a form's address as a browser that opened the form does: with the form's hidden
    fields (the revision it was opened at) as the page gave them, under the values given."""
    page = client.get(address)
    hidden = {}
    if page.status_code == 200:
        form = form_posting_to(page.content.decode(), address, address)
        hidden = {item.name: item.value for item in form.fields if item.kind == "hidden" and item.name}
    return client.post(address, {**hidden, **data})
