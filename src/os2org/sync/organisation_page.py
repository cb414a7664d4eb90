"""The organisation page of a handbook: read into the organisation, and refreshed from it.

The page holds two Mermaid diagrams of the same structure, a roles table
and a partners table. Reading them:

- **Bodies** are the boxes of the diagrams. A box's kind is found from the
  words of its label (`KIND_WORDS`): Generalforsamling → general assembly,
  Bestyrelse → board, Sekretariat → secretariat, (Fag)udvalg → committee,
  Styregrupper, Koordinationsgrupper, Faggrupper → steering, coordination
  and working groups, Anvendere → users, Program → programme. "Produkter og
  Projekter" stands for the product communities as a group and becomes a
  product community (its children are the groups every community has).
  Leverandører and "Andre interessenter" become bodies of the kinds
  *suppliers* and *other stakeholders*: one box standing for many
  organisations, kept so the charts keep their edges. A label that names
  no known kind is left out, with a finding. The mind map's root is the
  association as a whole (kind *association*) unless its label names a kind.
- **Nesting** comes from the mind map's indentation. A box that only the
  `graph` diagram has hangs under the first box that points to it. Every
  other edge of the `graph` diagram becomes a BodyRelation (`<-->` both
  ways, `-->` one way, `---` a line). Subgraphs only group boxes for
  drawing and are not bodies; classDef/class/style lines are ignored.
- **Partners**: each row of the table whose first heading names partners
  (Samarbejdspartner…) is a partner organisation with the row's text as its
  role. A row naming several ("KL, KOMBIT, …") gives one organisation each;
  "unit, authority" ("ITK, Aarhus Kommune") stays one. A row that names a
  category — a kind of body ("Leverandører") or a role of the roles table
  ("Produktkoordinatorer (kommunale)") — is skipped with a finding. A row
  "Andre …"/"Øvrige …" whose text gives examples ("Fx A, B og …") makes a
  partner of each example written as a name (capitalised), with the row's
  name as the role; the rest of it is skipped.
- **Roles**: each row of the table headed Rolle becomes a RoleSummary,
  linked to the role description of the same name (case-folded).

Generated blocks: `handbook export --refresh` replaces the `graph` chart,
the mind map and the roles table with blocks generated from the data,
between `<!-- os2org:generated NAME -->` and `<!-- /os2org:generated -->`
lines (HTML comments: Jekyll shows nothing of them). Reading a page, a
marked block is taken before an unmarked one and read back the same way,
except that a generated box label is the body's name followed by its
holders (`Name<br>holder<br>…`): only the name is read, since who holds
what is the organisation's data, not the page's. So a refreshed page
gives the same bodies, relations and roles as the page it came from.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from os2org import markup
from os2org.audit.services import record
from os2org.common.names import name_key
from os2org.common.visibility import ANONYMOUS, readable
from os2org.handbook.lint import WARNING, Finding
from os2org.handbook.models import Page
from os2org.handbook.pages import read_page, split_lines
from os2org.organisation.charts import chart_data, org_chart_graph, org_chart_mindmap
from os2org.organisation.models import Body, BodyRelation, Organisation
from os2org.organisation.services import relate_bodies, save_body, save_organisation, unrelate_bodies
from os2org.roles.models import RoleDescription, RoleSummary

GRAPH, MINDMAP, ROLES = "org-chart", "org-mindmap", "roles-table"
GENERATED_START = re.compile(r"^<!--\s*os2org:generated\s+([\w-]+)\s*-->\s*$")
GENERATED_END = re.compile(r"^<!--\s*/os2org:generated\s*-->\s*$")

Kind = Body.Kind
# Words of a box label and the kind of body they name; the first match counts.
KIND_WORDS = [
    ("generalforsamling", Kind.GENERAL_ASSEMBLY),
    ("general assembly", Kind.GENERAL_ASSEMBLY),
    ("bestyrelse", Kind.BOARD),
    ("board", Kind.BOARD),
    ("sekretariat", Kind.SECRETARIAT),
    ("secretariat", Kind.SECRETARIAT),
    ("styregruppe", Kind.STEERING_GROUP),
    ("steering group", Kind.STEERING_GROUP),
    ("koordinationsgruppe", Kind.COORDINATION_GROUP),
    ("coordination group", Kind.COORDINATION_GROUP),
    ("faggruppe", Kind.WORKING_GROUP),
    ("working group", Kind.WORKING_GROUP),
    ("udvalg", Kind.COMMITTEE),
    ("committee", Kind.COMMITTEE),
    ("anvender", Kind.USERS),
    ("users", Kind.USERS),
    ("leverandør", Kind.SUPPLIERS),
    ("supplier", Kind.SUPPLIERS),
    ("interessent", Kind.STAKEHOLDERS),
    ("stakeholder", Kind.STAKEHOLDERS),
    ("program", Kind.PROGRAMME),
    ("produkt", Kind.PRODUCT_COMMUNITY),
    ("product", Kind.PRODUCT_COMMUNITY),
    ("projekt", Kind.PROJECT_COMMUNITY),
    ("project", Kind.PROJECT_COMMUNITY),
]
ROLE_HEADINGS = ("rolle", "role")
PARTNER_HEADINGS = ("samarbejdspartner", "partner")
CATEGORY_OPENERS = ("andre ", "øvrige ", "other ")
EXAMPLE_OPENER = re.compile(r"^(fx\.?|f\.eks\.?|eksempelvis|for eksempel|e\.g\.|for example|such as)\s+", re.I)
AUTHORITY_ENDINGS = ("kommune", "region", "regionen")
STATE_ENDINGS = ("styrelse", "styrelsen", "ministerium", "ministeriet", "agentur", "agency")

EDGE = re.compile(r"\s*(<-->|<==>|<-\.->|-->|==>|-\.->|---|===|-\.-)\s*(?:\|[^|]*\|\s*)?")
EDGE_KINDS = {"<-->": "both_ways", "<==>": "both_ways", "<-.->": "both_ways", "-->": "one_way", "==>": "one_way"}
NODE = re.compile(
    r"^(?P<id>[\w-]+)\s*(?:(?:\(\(|\[\[|\[\(|\(\[|\{\{|[\[({>])\s*(?P<label>\"[^\"]*\"|[^\"\])}]*?)\s*"
    r"(?:\)\)|\]\]|\)\]|\]\)|\}\}|[\])}]))?$"
)
MINDMAP_NODE = re.compile(
    r"^(?P<id>[^\s(\[{)]+)(?:\(\(|\)\)|\{\{|[\[()])(?P<text>\"[^\"]*\"|.*?)(?:\)\)|\(\(|\}\}|[\])(])$"
)
IGNORED_GRAPH_LINES = re.compile(r"^(%%|classDef\s|class\s|style\s|linkStyle\s|click\s|direction\s)")
BREAK = re.compile(r"<br\s*/?>", re.I)


@dataclass
class ParsedBody:
    name: str
    kind: str
    parent: str | None = None


@dataclass
class ParsedPage:
    """What the organisation page says, before anything is stored."""

    bodies: list = field(default_factory=list)  # ParsedBody, in the page's order
    relations: list = field(default_factory=list)  # (source name, target name, kind)
    partners: list = field(default_factory=list)  # (name, role)
    roles: list = field(default_factory=list)  # (name, main tasks)
    findings: list = field(default_factory=list)


@dataclass
class Block:
    """A chart or table of the page: its lines in the body (end exclusive), and whether it is marked."""

    start: int
    end: int
    token: object
    generated: bool


@dataclass
class ImportedPage:
    bodies: int
    relations: int
    partners: int
    roles: int
    findings: list


def decode(label):
    """The text of a Mermaid label: quotes and markdown backticks off, #quot; and the like decoded."""
    text = label.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = text[1:-1]
    return re.sub(r"#(\w+);", lambda m: html.unescape(f"&#{m[1]};" if m[1].isdigit() else f"&{m[1]};"), text)


def clean(text):
    return re.sub(r"\s+", " ", text).strip()


def kind_of(label):
    folded = label.casefold()
    return next((kind for word, kind in KIND_WORDS if word in folded), None)


def marked_regions(tokens):
    """[(name, first line inside, line of the end mark)] of each block a page marks as generated (0-based body lines).

    `<!-- os2org:generated NAME -->` opens one and `<!-- /os2org:generated -->` closes it.
    """
    regions, opened = [], None
    for token in tokens:
        if token.type != "html_block" or not token.map:
            continue
        start, end = GENERATED_START.match(token.content.strip()), GENERATED_END.match(token.content.strip())
        if start:
            opened = (start.group(1), token.map[1])
        elif end and opened:
            regions.append((opened[0], opened[1], token.map[0]))
            opened = None
    return regions


def find_blocks(tokens):
    """{name: Block} for the graph chart, the mind map and the roles table.

    A marked (generated) block is taken before an unmarked one; of
    unmarked ones the first counts.
    """
    regions = marked_regions(tokens)
    blocks = {}
    for token in tokens:
        name = block_name(token, tokens)
        if not name or not token.map:
            continue
        region = next((r for r in regions if r[0] == name and r[1] <= token.map[0] < r[2]), None)
        if region and not (blocks.get(name) and blocks[name].generated):
            blocks[name] = Block(region[1], region[2], token, generated=True)
        elif name not in blocks:
            blocks[name] = Block(token.map[0], token.map[1], token, generated=False)
    return blocks


def block_name(token, tokens):
    if token.type == "fence" and token.info.strip().startswith("mermaid"):
        first = token.content.lstrip().split(None, 1)[0] if token.content.strip() else ""
        return {"graph": GRAPH, "flowchart": GRAPH, "mindmap": MINDMAP}.get(first)
    if token.type == "table_open":
        header = table_rows(tokens, token)[0]
        if header and header[0][0].casefold().startswith(ROLE_HEADINGS):
            return ROLES
    return None


def table_rows(tokens, table_open):
    """[[(text, href or None) per cell] per row] of a table, the header row first."""
    start = tokens.index(table_open)
    rows, row = [], None
    for token in tokens[start + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            row = []
            rows.append(row)
        elif token.type == "inline" and row is not None:
            href = next((c.attrGet("href") for c in token.children or [] if c.type == "link_open"), None)
            row.append((markup.inline_text(token), href))
    return rows or [[]]


def parse_graph(content, *, generated, line, path, findings):
    """(nodes {id: label} in order of appearance, edges [(id, id, kind)]) of a `graph` diagram.

    `line` is the line of the fence in the file, for findings.
    """
    labels, edges = {}, []
    for number, raw in enumerate(content.split("\n")[1:], start=line + 2):
        text = raw.strip()
        if not text or IGNORED_GRAPH_LINES.match(text) or text == "end" or text.startswith("subgraph"):
            continue
        parts = EDGE.split(text)
        nodes = [NODE.match(node.strip()) for node in parts[::2]]
        if not all(nodes):
            message = _("Cannot read “%(line)s” as boxes and lines.") % {"line": text}
            findings.append(Finding(path, number, "unread-diagram-line", WARNING, message))
            continue
        for node in nodes:
            if node["label"] is not None or node["id"] not in labels:
                labels[node["id"]] = graph_label(node["label"], node["id"], generated=generated)
        ids = [node["id"] for node in nodes]
        for source, target, op in zip(ids, ids[1:], parts[1::2]):
            edges.append((source, target, EDGE_KINDS.get(op, "line")))
    return labels, edges


def graph_label(label, node_id, *, generated):
    if label is None:
        return node_id
    parts = BREAK.split(decode(label))
    # A generated label is the name, then one line per holder.
    return clean(parts[0] if generated else " ".join(parts))


def parse_mindmap(content):
    """[(label, parent label or None)] of a mind map, in order."""
    nodes, stack = [], []
    for raw in content.split("\n")[1:]:
        text = raw.strip()
        if not text or text.startswith(("%%", "::", ":::")):
            continue
        indent = len(raw) - len(raw.lstrip())
        match = MINDMAP_NODE.match(text)
        label = clean(decode(match["text"]) if match else text)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        nodes.append((label, stack[-1][1] if stack else None))
        stack.append((indent, label))
    return nodes


def structure(page, blocks, findings):
    """Bodies and relations from the two diagrams."""
    graph, edges, mind = {}, [], []
    if GRAPH in blocks:
        token = blocks[GRAPH].token
        generated, line = blocks[GRAPH].generated, page.line_of(token)
        graph, edges = parse_graph(token.content, generated=generated, line=line, path=page.path, findings=findings)
    if MINDMAP in blocks:
        mind = parse_mindmap(blocks[MINDMAP].token.content)
    edges = [(graph[s], graph[t], kind) for s, t, kind in edges if graph[s] != graph[t]]
    parents = tree(mind, edges)
    kinds = body_kinds(list(dict.fromkeys([*graph.values(), *parents])), mind, page, blocks, findings)
    bodies = [
        ParsedBody(label, kind, parents[label] if parents.get(label) in kinds else None) for label, kind in kinds.items()
    ]
    return bodies, relations_of(edges, parents, kinds)


def tree(mind, edges):
    """{label: parent label}: the mind map's nesting.

    A box only the graph has hangs under the first box pointing to it.
    """
    parents = dict(mind)
    for source, target, _kind in edges:
        if target not in parents and not is_above(target, source, parents):
            parents[target] = source
    return parents


def body_kinds(labels, mind, page, blocks, findings):
    """{label: kind} of the boxes that name a kind of body (the mind map's root: the association)."""
    root = mind[0][0] if mind else None
    kinds = {}
    for label in labels:
        kind = kind_of(label) or (Kind.ASSOCIATION if label == root else None)
        if kind:
            kinds[label] = kind
            continue
        token = blocks[GRAPH if GRAPH in blocks else MINDMAP].token
        message = _("“%(label)s” names no known kind of body; it is left out.") % {"label": label}
        findings.append(Finding(page.path, page.line_of(token), "unknown-body", WARNING, message))
    return kinds


def relations_of(edges, parents, kinds):
    """The edges that are not part-of lines, each pair once."""
    relations, seen = [], set()
    for source, target, kind in edges:
        pair = frozenset((source, target))
        nested = parents.get(target) == source or parents.get(source) == target
        if source in kinds and target in kinds and pair not in seen and not nested:
            seen.add(pair)
            relations.append((source, target, kind))
    return relations


def is_above(upper, lower, parents):
    """Whether `upper` is `lower` or one of its ancestors."""
    seen = set()
    while lower is not None and lower not in seen:
        if lower == upper:
            return True
        seen.add(lower)
        lower = parents.get(lower)
    return False


def role_rows(tokens, blocks):
    if ROLES not in blocks:
        return []
    rows = table_rows(tokens, blocks[ROLES].token)[1:]
    return [(row[0][0], row[1][0] if len(row) > 1 else "") for row in rows if row and row[0][0]]


def partner_rows(page, roles, findings):
    partners = []
    role_names = [name.casefold() for name, _tasks in roles]
    for token in page.tokens:
        if token.type != "table_open":
            continue
        header, *rows = table_rows(page.tokens, token)
        if not header or not header[0][0].casefold().startswith(PARTNER_HEADINGS):
            continue
        for row in rows:
            name, text = row[0][0], (row[1][0] if len(row) > 1 else "")
            partners.extend(partners_of_row(name, text, role_names, page, token, findings))
    return partners


def partners_of_row(name, text, role_names, page, token, findings):
    bare = clean(re.sub(r"\([^)]*\)", " ", name))
    folded = bare.casefold()
    if folded.startswith(CATEGORY_OPENERS):
        examples = example_names(text)
        if not examples:
            findings.append(category_finding(page, token, name))
        return [(example, name) for example in examples]
    if any(folded.startswith(word) for word, _kind in KIND_WORDS) or any(
        folded.startswith(role) for role in role_names if role
    ):
        findings.append(category_finding(page, token, name))
        return []
    return [(part, text) for part in split_names(name)]


def category_finding(page, token, name):
    message = _("The partner row “%(name)s” names a kind of party, not an organisation; it is skipped.")
    return Finding(page.path, page.line_of(token), "partner-category", WARNING, message % {"name": name})


def split_names(name):
    """"KL, KOMBIT, X" names three organisations; "ITK, Aarhus Kommune" (unit, authority) one."""
    parts = [clean(part) for part in name.split(",") if clean(part)]
    if len(parts) == 2 and parts[1].casefold().endswith(AUTHORITY_ENDINGS):
        return [clean(name)]
    return parts


def example_names(text):
    opener = EXAMPLE_OPENER.match(text)
    if not opener:
        return []
    parts = re.split(r",|\s+og\s+|\s+and\s+", text[opener.end() :].rstrip(". "))
    return [clean(part) for part in parts if clean(part)[:1].isupper()]


def organisation_kind(name):
    folded = name.casefold()
    if folded.endswith(AUTHORITY_ENDINGS[:1]):
        return Organisation.Kind.MUNICIPALITY
    if folded.endswith(AUTHORITY_ENDINGS[1:]):
        return Organisation.Kind.REGION
    if folded.endswith(STATE_ENDINGS):
        return Organisation.Kind.STATE
    return Organisation.Kind.OTHER


def parse_organisation_page(path, source):
    """What an organisation page says: bodies, relations, partners, roles and findings."""
    page = read_page(path, source)
    blocks = find_blocks(page.tokens)
    parsed = ParsedPage()
    parsed.bodies, parsed.relations = structure(page, blocks, parsed.findings)
    parsed.roles = role_rows(page.tokens, blocks)
    parsed.partners = partner_rows(page, parsed.roles, parsed.findings)
    return parsed


@transaction.atomic
def import_organisation_page(page, *, actor=None):
    """Read the organisation from a stored handbook page (see the module's docstring).

    Side effects, in one transaction and through the organisation's
    services (each changed body, relation and organisation gets its own
    audit entry; what is already as the page says is not written again):
    creates or updates (by name) a Body per box, its kind, order and
    parent; creates or updates the BodyRelation rows between those bodies
    and removes the others between them; creates or updates (by name) the
    partner Organisation rows (is_partner, partner_role); replaces the
    page's RoleSummary rows; marks the page as the organisation page
    (Page.describes_organisation); writes one audit entry for the import.
    Running it again changes nothing. A box or partner whose name the
    services refuse raises ValidationError naming the page, its line and
    the name; nothing is stored then.
    """
    parsed = parse_organisation_page(page.path, page.source)
    bodies = save_bodies(parsed.bodies, actor=actor, page=page)
    relations = save_relations(parsed.relations, bodies, actor=actor)
    partners = save_partners(parsed.partners, actor=actor, page=page)
    roles = save_role_summaries(page, parsed.roles, parsed.findings)
    Page.objects.filter(pk=page.pk).update(describes_organisation=True)
    page.describes_organisation = True
    result = ImportedPage(len(bodies), len(relations), len(partners), len(roles), parsed.findings)
    record(
        "organisation.import_page",
        summary=f"Imported the organisation from {page.path}",
        actor=actor,
        obj=page,
        data={
            "bodies": sorted(bodies),
            "relations": [[s, t, k] for s, t, k in parsed.relations],
            "partners": [name for name, _role in parsed.partners],
            "roles": [name for name, _tasks in parsed.roles],
        },
    )
    return result


def _refused(page, name, error):
    """A service's refusal of a name from the page, told as `path: name: what is wrong`."""
    reasons = "; ".join(error.messages)
    return ValidationError(_("%(path)s: “%(name)s”: %(reasons)s") % {"path": page.path, "name": name, "reasons": reasons})


def save_bodies(parsed_bodies, *, actor=None, page=None):
    """{name: Body}: bodies created or updated by name through save_body, parents before their parts.

    Taken from the top down, so that a body is given its parent only once
    that parent has its own place: no body is ever, even for a moment, part
    of itself.
    """
    names = [body.name for body in parsed_bodies]
    # The oldest body of a name is the one the page means.
    existing = {body.name: body for body in Body.objects.filter(name__in=names).order_by("-pk")}
    positions = {parsed.name: position for position, parsed in enumerate(parsed_bodies)}
    bodies = {}
    for parsed in _top_down(parsed_bodies):
        body = existing.get(parsed.name)
        parent = bodies[parsed.parent] if parsed.parent else None
        fields = {"kind": parsed.kind, "position": positions[parsed.name], "parent": parent}
        if body is not None and all(getattr(body, name) == value for name, value in fields.items()):
            bodies[parsed.name] = body
            continue
        try:
            bodies[parsed.name] = save_body(body, actor=actor, **({"name": parsed.name} if body is None else {}), **fields)
        except ValidationError as error:
            raise _refused(page, parsed.name, error) from None
    return bodies


def _top_down(parsed_bodies):
    """The bodies, each after its parent (the page's order kept otherwise)."""
    by_name = {parsed.name: parsed for parsed in parsed_bodies}
    ordered, placed = [], set()

    def place(parsed):
        if parsed.name in placed:
            return
        placed.add(parsed.name)
        if parsed.parent in by_name:
            place(by_name[parsed.parent])
        ordered.append(parsed)

    for parsed in parsed_bodies:
        place(parsed)
    return ordered


def save_relations(parsed_relations, bodies, *, actor=None):
    ids = [body.pk for body in bodies.values()]
    stored = {
        (relation.source_id, relation.target_id): relation
        for relation in BodyRelation.objects.filter(source__in=ids, target__in=ids)
    }
    kept = []
    for position, (source, target, kind) in enumerate(parsed_relations):
        relation = stored.get((bodies[source].pk, bodies[target].pk))
        if relation is None or (relation.kind, relation.position) != (kind, position):
            relation = relate_bodies(bodies[source], bodies[target], kind=kind, position=position, actor=actor)
        kept.append(relation.pk)
    for relation in stored.values():
        if relation.pk not in kept:
            unrelate_bodies(relation, actor=actor)
    return kept


def save_partners(parsed_partners, *, actor=None, page=None):
    saved = []
    for name, role in parsed_partners:
        organisation = Organisation.objects.filter(name_key=name_key(name)).first()
        fields = {"is_partner": True, "partner_role": role}
        if organisation is not None and all(getattr(organisation, key) == value for key, value in fields.items()):
            saved.append(organisation)
            continue
        if organisation is None:
            fields.update(name=name, kind=organisation_kind(name))
        try:
            saved.append(save_organisation(organisation, actor=actor, **fields))
        except ValidationError as error:
            raise _refused(page, name, error) from None
    return saved


def save_role_summaries(page, parsed_roles, findings):
    described = {role.name.casefold(): role for role in RoleDescription.objects.only("id", "name")}
    kept = {}
    for position, (name, main_tasks) in enumerate(parsed_roles):
        if name.casefold() in kept:
            message = _("The roles table names “%(name)s” twice; the first row counts.") % {"name": name}
            findings.append(Finding(page.path, page.body_line, "duplicate-role", WARNING, message))
            continue
        summary = RoleSummary.objects.filter(page=page, name=name).first() or RoleSummary(page=page, name=name)
        summary.position, summary.main_tasks, summary.role = position, main_tasks, described.get(name.casefold())
        try:
            # As a form would: a name longer than the database holds is refused, not cut or failed on.
            summary.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise _refused(page, name, error) from None
        summary.save()
        kept[name.casefold()] = summary
    RoleSummary.objects.filter(page=page).exclude(pk__in=[s.pk for s in kept.values()]).delete()
    return list(kept.values())


def table_cell(text):
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def table_wording(page):
    """(column headings, link text) of the page's own roles table, or the defaults in the handbook's language."""
    parsed = read_page(page.path, page.source)
    block = find_blocks(parsed.tokens).get(ROLES)
    with translation.override(settings.HANDBOOK_LANGUAGE):
        headings, link = [_("Role"), _("Main tasks"), _("Reference")], _("Role description")
    if block:
        header, *rows = table_rows(parsed.tokens, block.token)
        if len(header) >= 3:
            headings = [text for text, _href in header[:3]]
        link = next((row[2][0] for row in rows if len(row) > 2 and row[2][0]), link)
    return headings, link


def roles_table(page):
    """The roles table of an organisation page: each role, its main tasks, a link to its description.

    Links are relative from the page to the role description's page; a
    role with no description the public may read keeps an empty link,
    which lint reports.
    """
    headings, link = table_wording(page)
    lines = [
        "| " + " | ".join(table_cell(h) for h in headings) + " |",
        "|" + "|".join("-" * (len(h) + 2) for h in headings) + "|",
    ]
    for summary in RoleSummary.objects.filter(page=page).select_related("role__page"):
        # Linked only when the public may read it: the table goes into Git and onto the published site.
        public = summary.role is not None and summary.role.page is not None and readable(ANONYMOUS, summary.role)
        target = relative_link(page.path, summary.role.page.path) if public else ""
        lines.append(f"| **{table_cell(summary.name)}** | {table_cell(summary.main_tasks)} | [{link}]({target}) |")
    return "\n".join(lines) + "\n"


def marked(name, text):
    return f"<!-- os2org:generated {name} -->\n\n{text.rstrip()}\n\n<!-- /os2org:generated -->\n"


def refreshed_source(page, *, on=None):
    """The page's text with its org charts and roles table generated from the data, marked as generated.

    Marked blocks get a new inside; otherwise the first `graph` chart, the
    mind map and the roles table are replaced by marked blocks. Nothing is
    stored.
    """
    parsed = read_page(page.path, page.source)
    blocks = find_blocks(parsed.tokens)
    # For the public: the page goes into Git and onto the published site.
    data = chart_data(on or timezone.localdate(), viewer=ANONYMOUS)
    texts = {
        GRAPH: fenced(org_chart_graph(data=data)),
        MINDMAP: fenced(org_chart_mindmap(data=data)),
        ROLES: roles_table(page),
    }
    lines = split_lines(parsed.body)
    for name, block in sorted(blocks.items(), key=lambda item: item[1].start, reverse=True):
        if block.generated:
            lines[block.start : block.end] = ["\n", texts[name].rstrip() + "\n", "\n"]
        else:
            lines[block.start : block.end] = [marked(name, texts[name])]
    prefix = page.source[: len(page.source) - len(parsed.body)]
    return prefix + "".join(lines)


def refreshed_if_organisation(page):
    """The page's text with its generated parts anew if it is the organisation page; else as it is."""
    return refreshed_source(page) if page.describes_organisation else page.source


def fenced(diagram):
    return f"```mermaid\n{diagram.rstrip()}\n```\n"


def relative_link(from_path, to_path):
    """The address of one handbook file as seen from another (both relative to the handbook)."""
    source, target = PurePosixPath(from_path).parent.parts, PurePosixPath(to_path).parts
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    link = "/".join([".."] * (len(source) - common) + list(target[common:]))
    return f"<{link}>" if re.search(r"[\s()<>]", link) else link
