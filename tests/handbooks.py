"""Handbooks of any size, written as Markdown files for tests that count queries."""

PARENT = """---
title: Roller
nav_order: 1
has_children: true
---

# Roller
"""

ROLE = """---
title: Rolle {number:02}
parent: Roller
nav_order: {number}
---

# Funktionsbeskrivelse – Rolle {number:02} i Foreningen

## Formål med stillingen

Rolle {number:02} løser en opgave for foreningen.

## Arbejdsopgaver og prioritering

### MUST

{must}

### SHOULD

- Opgave {number:02} der bør løses.

### COULD

- Opgave {number:02} der kan løses.

## Samarbejdsrelationer

- Sekretariatschefen (primær reference).

## Øvrige forhold

- 10 timer pr. uge.
"""


def write_handbook(folder, *, roles, must_tasks=1):
    """A parent page "Roller" and `roles` role descriptions under it; returns `folder`.

    Every role has `must_tasks` MUST tasks and one SHOULD and one COULD
    task; every role page and task mentions the word "opgave", the parent
    page does not.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roller.md").write_text(PARENT, encoding="utf-8")
    for number in range(1, roles + 1):
        must = "\n".join(f"- Opgave {number:02}.{task} der skal løses." for task in range(1, must_tasks + 1))
        (folder / f"rolle-{number:02}.md").write_text(ROLE.format(number=number, must=must), encoding="utf-8")
    return folder


def write_pages(folder, pages, *, site=True):
    """Write `pages` ({path: text}) under `folder`, with Jekyll's _config.yml when `site`; returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    if site:
        (folder / "_config.yml").write_text("title: Håndbogen\n", encoding="utf-8")
    for path, text in pages.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


def role_page(name, *, title=None, parent=None):
    """The source of a small role description page of the role `name`."""
    front_matter = f"title: {title or name}\n" + (f"parent: {parent}\n" if parent else "")
    return f"---\n{front_matter}---\n\n# Funktionsbeskrivelse – {name} i Foreningen\n\n### MUST\n\n- {name} leder.\n"
