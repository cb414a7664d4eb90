"""The org charts and the roles table, generated from the organisation as Mermaid and Markdown.

Two charts of the same structure, as the organisation page draws them: a
`graph TD` of the bodies (the association itself left out) with their
current holders, joined by the part-of lines and the relations; and a
mind map of the bodies under the association. Both are written in the
handbook's language, since they become part of the handbook.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from os2org.common.numbers import format_hours
from os2org.common.visibility import readable
from os2org.organisation.models import Assignment, Body, BodyRelation

EDGES = {"both_ways": "<-->", "one_way": "-->", "line": "---"}
# Characters that end or change a quoted Mermaid label, written as Mermaid's entity codes.
ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}
# Mind-map text that Mermaid reads as plain words, with no shape or id.
PLAIN_WORDS = re.compile(r"^[\w][\w .,'’–-]*$")
ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
FUNCTION_ORDER = {Assignment.Function.CHAIR: 0, Assignment.Function.VICE_CHAIR: 1}


@dataclass
class Node:
    body: Body
    depth: int
    node_id: str
    holders: list = field(default_factory=list)  # holder texts, chair first
    children: list = field(default_factory=list)
    hidden: int = 0  # bodies below it that a focused chart leaves out (see focus)


@dataclass
class ChartData:
    """The bodies in tree order, the relations, and who holds what on a day."""

    nodes: list
    relations: list

    @property
    def roots(self):
        return [node for node in self.nodes if node.depth == 0]


def chart_data(on=None, *, viewer):
    """Everything the charts draw for `viewer`, in three queries whatever the size of the organisation.

    Only the bodies and people the viewer may read, the roles they may read
    by name, and hours only for a viewer who sees named people's hours
    (Viewer.sees_hours). The handbook's generated blocks are drawn for the
    public (common.visibility.ANONYMOUS): they go into Git and onto the site.
    """
    day = on or timezone.localdate()
    bodies = Body.objects.order_by("position", "name").only(
        "id", "name", "slug", "kind", "parent_id", "position", "visibility"
    )
    relations = BodyRelation.objects.only("source_id", "target_id", "kind", "position")
    current = Assignment.objects.current(day).select_related("person", "role__page").order_by("person__name", "pk")
    bodies = bodies.filter(viewer.visible(body="pk"))
    relations = relations.filter(viewer.visible(prefix="source__", body="source"))
    relations = relations.filter(viewer.visible(prefix="target__", body="target"))
    current = current.filter(viewer.visible(prefix="person__"))
    bodies, relations = list(bodies), list(relations)
    holders = defaultdict(list)
    for assignment in current:
        holders[assignment.body_id].append(assignment)
    children = defaultdict(list)
    known = {body.pk for body in bodies}
    for body in bodies:
        children[body.parent_id if body.parent_id in known else None].append(body)
    nodes, ids = [], set()

    def visit(body, depth):
        assigned = sorted(holders[body.pk], key=lambda a: FUNCTION_ORDER.get(a.function, 2))
        node = Node(body, depth, node_id(body, ids), [holder_text(a, viewer) for a in assigned])
        nodes.append(node)
        node.children = [visit(child, depth + 1) for child in children[body.pk]]
        return node

    with translation.override(settings.HANDBOOK_LANGUAGE):
        for root in children[None]:
            visit(root, 0)
    return ChartData(nodes, relations)


# The most bodies one drawn chart shows: a hundred boxes no longer read as
# a chart, and the page of a large organisation would weigh hundreds of KB.
CHART_MOST = 60


def focus(data, top=None, most=CHART_MOST):
    """`data` as one readable chart: the bodies under `top` (a Node) or under the roots, as many levels as fit.

    Levels are taken from the top while at most `most` bodies are shown,
    but always the first two (the top and the bodies right under it). A node
    whose bodies are left out says how many (Node.hidden), so that a page
    can lead to its own chart. Depths count from the top.
    """
    tops = [top] if top is not None else data.roots
    base = tops[0].depth if tops else 0
    per_level = defaultdict(int)
    for node in _under(tops):
        per_level[node.depth - base] += 1
    levels, shown = 0, 0
    for level in sorted(per_level):
        if levels >= 2 and shown + per_level[level] > most:
            break
        levels, shown = levels + 1, shown + per_level[level]
    nodes = []

    def copy(node):
        kept = Node(node.body, node.depth - base, node.node_id, node.holders)
        nodes.append(kept)
        if kept.depth + 1 < levels:
            kept.children = [copy(child) for child in node.children]
        else:
            kept.hidden = sum(1 for _below in _under(node.children))
        return kept

    for node in tops:
        copy(node)
    shown_bodies = {node.body.pk for node in nodes}
    relations = [r for r in data.relations if r.source_id in shown_bodies and r.target_id in shown_bodies]
    return ChartData(nodes, relations)


def _under(nodes):
    """`nodes` and every node below them, in tree order."""
    for node in nodes:
        yield node
        yield from _under(node.children)


def node_id(body, taken):
    """A Mermaid node id from the body's address: ASCII letters, digits and underscores, unique."""
    base = "b_" + (slugify(body.slug.translate(ASCII)).replace("-", "_") or str(body.pk))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    taken.add(candidate)
    return candidate


def holder_text(assignment, viewer):
    """“Ane Holm (chair, 2 h)”: the person, their function or role, and their hours for a viewer who sees them."""
    details = []
    if assignment.function != Assignment.Function.MEMBER:
        details.append(assignment.get_function_display())
    if assignment.role_id and readable(viewer, assignment.role):
        details.append(assignment.role.name)
    if viewer.sees_hours:
        details.append(_("%(hours)s h") % {"hours": format_hours(assignment.hours_per_week)})
    return f"{assignment.person.name} ({', '.join(details)})" if details else assignment.person.name


def escape(text):
    return "".join(ENTITIES.get(char, char) for char in re.sub(r"\s+", " ", text).strip())


def org_chart_graph(on=None, *, viewer=None, data=None):
    """The organisation as a Mermaid `graph TD`: a box per body with its holders, part-of lines, relations."""
    data = data or chart_data(on, viewer=viewer)
    with translation.override(settings.HANDBOOK_LANGUAGE):
        nodes = {node.body.pk: node for node in data.nodes if node.body.kind != Body.Kind.ASSOCIATION}
        lines = ["graph TD"]
        for node in nodes.values():
            texts = [node.body.name, *node.holders]
            if node.hidden:
                texts.append(ngettext("+ %(count)d body below", "+ %(count)d bodies below", node.hidden) % {"count": node.hidden})
            label = "<br>".join(escape(text) for text in texts)
            lines.append(f'  {node.node_id}["{label}"]')
        for node in nodes.values():
            if node.body.parent_id in nodes:
                lines.append(f"  {nodes[node.body.parent_id].node_id} <--> {node.node_id}")
        for relation in data.relations:
            if relation.source_id in nodes and relation.target_id in nodes:
                source, target = nodes[relation.source_id].node_id, nodes[relation.target_id].node_id
                lines.append(f"  {source} {EDGES.get(relation.kind, '---')} {target}")
    return "\n".join(lines) + "\n"


def org_chart_mindmap(on=None, *, viewer=None, data=None, root=None):
    """The organisation as a Mermaid mind map, the association (or the body `root`, of a focused chart) at its root.

    Bodies outside the association (or all, when there is no one
    association) hang under the root too.
    """
    data = data or chart_data(on, viewer=viewer)
    associations = [n for n in data.nodes if n.depth == 0 and n.body.kind == Body.Kind.ASSOCIATION]
    if root is None and len(associations) == 1:
        root = associations[0].body
    if root is None:
        with translation.override(settings.HANDBOOK_LANGUAGE):
            root_name = _("Organisation")
    lines = ["mindmap", f"  {mindmap_text(root.name if root else root_name, 'root', '((', '))')}"]
    shift = 1
    for node in data.nodes:
        if node.depth == 0:
            shift = 0 if node.body == root else 1
            if shift == 0:
                continue
        lines.append(f"{'  ' * (node.depth + shift + 1)}{mindmap_text(node.body.name, node.node_id)}")
    return "\n".join(lines) + "\n"


def mindmap_text(name, node_id, opening="[", closing="]"):
    """A mind-map node: plain words as they are (the root with its round shape), anything else quoted."""
    name = re.sub(r"\s+", " ", name).strip()
    if PLAIN_WORDS.match(name):
        return f"{node_id}{opening}{name}{closing}" if node_id == "root" else name
    return f'{node_id}{opening}"{escape(name)}"{closing}'
