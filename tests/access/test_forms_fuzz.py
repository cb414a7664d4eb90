"""Every form of the app, filled with generated values by every group that may send it:
no server error, and nothing half-written.

The forms' counterpart of tests/api/test_schemathesis.py. The cases come
from the URL configuration: each view a group may POST to (EXPECTED in
policy.py), as each such group. Its form is read from the page a
person sends it from, as a browser reads it, so a new field is filled too.
Each example attacks one or two fields with values of their kind (text far too
long, control characters, markup, extreme and malformed dates, numbers
that are none, choices that were not offered, another revision, a field
left out) and fills the others as a person would, so that some posts get
through to the service. Each post is checked:

- no server error, and a status the view means: the form again (200), a
  refusal (400, 404, 409) or a redirect after a save (302);
- refused (anything but a redirect): no row of any table changed, the
  audit log included;
- saved: the audit log only grew, by one entry, and by one whenever
  anything else changed; every row added or changed passes its model's
  full_clean() and has its dates in the supported range;
- a well-formed date outside 1900–2999 is refused, with the message at its field;
- afterwards the form's page, and the page the redirect leads to, render.

Each example runs in a savepoint rolled back after it, so they do not add
up; each case has its own fixed seed, so a run tests what the last did.
Random examples may miss the one value that breaks a field, so each form
is also posted once with each edge value of a kind in all its fields of
that kind (every date 9999-12-31, every choice a huge id, …).
"""

import functools
import zlib
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from os2org.access import groups
from os2org.audit.models import Entry
from os2org.common.dates import OUT_OF_RANGE, in_range
from tests import dom
from tests.access.policy import EXPECTED
from tests.access.world import FORM_PAGE, PREPARE, PUBLIC, VIEWERS, url
from tests.forms import forms_of
from tests.urlconf import views

# The log-out button is on every page; any page that does not redirect will do.
PAGE_OF = {**FORM_PAGE, "logout": "search:results"}
# Views a group may post to, but whose form no page shows them.
NO_FORM = {
    ("logout", PUBLIC): "signed out, nobody is shown the log-out button",
    ("handbook:page-preview", groups.SECRETARIAT): "the page editor's script posts it as the text changes",
    # The world's secretariat and member-contact log-ins are tied to no person: they have no
    # calendar and no reminders of their own, and their pages say so instead of offering a form.
    ("governance:own-feed", groups.SECRETARIAT): "no person, no calendar of their own",
    ("governance:own-feed", groups.MEMBER_CONTACT): "no person, no calendar of their own",
    ("reminders:preferences", groups.SECRETARIAT): "no person, no reminders",
    ("reminders:preferences", groups.MEMBER_CONTACT): "no person, no reminders",
}
CSRF = "csrfmiddlewaretoken"


def limits(form):
    """More examples for a form with more fields: about 550 for the 50-odd cases, 40 seconds of one core."""
    return settings(
        max_examples=min(20, 4 + len(_groups(form))),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# What a person types where a field asks for text, and what a page must survive.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><script>alert(1)</script>",
    "[klik](javascript:alert(1)) <a href='javascript:alert(1)'>a</a>",
    "# Overskrift\n\n**fed** _kursiv_\n\n- punkt\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "```mermaid\ngraph TD; A-->B\n```",
    "[" * 5000,
    "{" * 5000 + "}" * 5000,
    "> " * 2000 + "dybt",
    "---\ntitle: Titel\n---\n\n# Side",
    # Each level nine times the one before: a few hundred bytes that unfold to millions of values.
    "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n\n# Latter",
    "---\ntitle: [\n---\n",
    "---\ntitle: !!python/object/apply:os.system [echo]\n---\n",
    "{{ 7|add:7 }} {% csrf_token %} %(name)s %s {0}",
    "FREQ=SECONDLY;COUNT=100000000",
    "FREQ=YEARLY;UNTIL=99991231T000000Z",
    "RRULE:FREQ=DAILY;BYDAY=XX",
    "2026-02-30\n9999-12-31\n0001-01-01\n31.12.2026\n1.1.1899",
    "2026-03-15\n9999-12-31",
    "1.1.1899",
    "\r\n\r\n",
    " ",
]
CONTROL = "\x00\x07\x1b\u200b\u202e\r\n\t"


def repeated(text, times):
    return text * times


# Longer than any field's max_length, and long enough to cost a parser something.
long_text = st.builds(
    repeated, st.sampled_from(["x", "æ", "<b>", "\u202e", "[x](y) "]), st.sampled_from([201, 301, 501, 10_000])
)
hostile_text = st.one_of(
    st.just(""),
    st.sampled_from(PAYLOADS),
    long_text,
    st.text(st.sampled_from(CONTROL + "a<>&[]*#"), min_size=1, max_size=20),
    st.text(max_size=40),
    # Text fields that take a number (hours, a share): what is one only nearly, or hardly.
    st.sampled_from(["0,001", "1e-400", "1E+999999999", "1/0", "0/1", "-1/-3", "1/3/4", "NaN", "Infinity", "٣"]),
)
# Words, and what some text fields take: hours ("7,5"), a share ("1/3"), a CVR number, dates, a rule.
plausible_text = st.one_of(
    st.text(st.sampled_from("abcæøå ABC-\n"), min_size=1, max_size=30).map(str.strip).filter(bool),
    st.integers(1, 40).map(str),
    st.sampled_from(["7,5", "0,5", "1/3", "2026-03-15\n15.4.2026", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"]),
    st.integers(10_000_000, 99_999_999).map(str),
)

EXTREME_DATES = ["0001-01-01", "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01", "9999-12-31"]
MALFORMED_DATES = ["2026-02-30", "31.12.2026", "", "abc", "2026-13-01", "10000-01-01", "-2026-01-01", "2026-1-1"]
hostile_date = st.one_of(
    st.sampled_from(EXTREME_DATES + MALFORMED_DATES),
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
)
plausible_date = st.dates(date(2024, 1, 1), date(2028, 12, 31)).map(date.isoformat)

TIMES = ["00:00", "23:59", "24:00", "-01:00", "25:61", "12:30:59.999999", "12.30", "12", "kl. 12", "", "99999999:00"]
hostile_time = st.one_of(st.sampled_from(TIMES), st.times().map(str))
plausible_time = st.times().map(lambda moment: moment.strftime("%H:%M"))

NUMBERS = ["0", "-1", "1", "-0", "168", "168,01", "37,5", "37.5", "0,001", "1e308", "1E3", str(2**63), "9" * 40]
NUMBERS += ["NaN", "Infinity", "-inf", "1/3", "abc", "", " 7 ", "7 timer", "1_000", "٣"]
hostile_number = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers().map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
plausible_number = st.integers(1, 200).map(str)

# A value no select offers: what a tampered or outdated page sends.
NOT_OFFERED = ["99999999999999999999", "2147483648", "-1", "0", "abc", "1.5", " 1", "1 ", "", "\x00"]


# The edge values of each kind, each posted in all of a form's fields of that kind at once.
ANOTHER_ID = object()  # an id the field did not offer
EDGES = {
    "choice": [ANOTHER_ID, "99999999999999999999", "abc"],
    "date": EXTREME_DATES + ["2026-02-30", "31.12.2026", "", "abc"],
    "text": ["".join(PAYLOADS) * 2, CONTROL * 3],
}
KIND_OF = {
    **dict.fromkeys(["select", "radio", "checkbox"], "choice"),
    **dict.fromkeys(["text", "textarea"], "text"),
    "date": "date",
}


def mostly(usual, rare):
    # Hypothesis shrinks towards 0: towards the usual.
    return st.integers(0, 4).flatmap(lambda number: usual if number else rare)


def _cases():
    # The API has no forms: tests/api/test_schemathesis.py sends it generated requests.
    for view in views():
        posts = (EXPECTED.get(view.name) or {}).get("POST", ())
        # In VIEWERS' order: a set's order differs between processes, and pytest-xdist needs one order.
        for viewer in (viewer for viewer in VIEWERS if viewer in posts):
            if not view.name.startswith("api:") and (view.name, viewer) not in NO_FORM:
                yield pytest.param(view.name, viewer, id=f"{view.name}-{viewer}")


def _posts_to(form, address, page):
    return form.method == "post" and (form.action or page).split("#")[0] == address


def _groups(form):
    """The form's fields by name, in order (a radio or checkbox group is several fields of one name)."""
    groups = {}
    for field in form.fields:
        if field.name and field.kind not in ("submit", "button", "reset", "image"):
            groups.setdefault(field.name, []).append(field)
    return groups


def _as_given(fields):
    """The values the page gave the field, as a browser sends them unchanged."""
    first = fields[0]
    if first.kind in ("checkbox", "radio"):
        return [field.value or "on" for field in fields if field.checked]
    if first.kind == "select":
        chosen = [value for value, selected in first.options if selected]
        return chosen or ([first.options[0][0]] if first.options and not first.multiple else [])
    return [first.value]


def _choices(fields, ids):
    """Offered values (several where several may be chosen); or none, or one that was not offered."""
    first = fields[0]
    offered = [value for value, _ in first.options] if first.kind == "select" else [f.value or "on" for f in fields]
    # A person picks something where something must be picked, "(none)" elsewhere too.
    chosen = [value for value in offered if value or not first.required] or offered
    if first.kind == "checkbox" or first.multiple:
        plausible = st.lists(st.sampled_from(chosen), unique=True) if chosen else st.just([])
    else:
        plausible = st.sampled_from(chosen).map(lambda value: [value]) if chosen else st.just([])
    other = st.one_of(st.sampled_from(NOT_OFFERED), st.sampled_from(ids).map(str))
    hostile = st.one_of(plausible.flatmap(lambda values: other.map(lambda value: [*values, value])), st.just([""]))
    return plausible, hostile


def _strategies(fields, ids):
    """(plausible, hostile): strategies for the list of values a field is posted with."""
    kind = fields[0].kind
    if kind in ("select", "radio", "checkbox"):
        return _choices(fields, ids)
    if kind == "hidden":
        # The revision and other hidden values, changed as a stale or tampered page would.
        changed = st.one_of(hostile_number, st.sampled_from(ids).map(str), hostile_text)
        return st.just(_as_given(fields)), changed.map(lambda v: [v])
    plausible, hostile = {
        "date": (plausible_date, hostile_date),
        "time": (plausible_time, hostile_time),
        "number": (plausible_number, hostile_number),
        "email": (st.emails(), hostile_text),
        "password": (plausible_text, hostile_text),
        "text": (plausible_text, hostile_text),
        "textarea": (plausible_text, hostile_text),
        # A file input sent without a file, or with text where the file goes: the form must refuse
        # both and write nothing (what each upload does with a real file has its own tests).
        "file": (st.just(""), hostile_text),
    }.get(kind, (None, None))
    if plausible is None:
        pytest.fail(f"No values for a field of kind {kind!r} ({fields[0].name}): add them to {__name__}")
    if fields[0].value:
        # A person leaves what the page filled in,
        plausible = st.just(_as_given(fields))
    elif fields[0].required:
        plausible = plausible.map(lambda v: [v])
    elif kind in ("text", "textarea"):
        # leaves most optional text empty (hours or a share, a rule or a list of dates),
        plausible = mostly(st.just([""]), plausible.map(lambda v: [v]))
    else:
        # or picks a date, a time, a number, or none.
        plausible = st.one_of(st.just(""), plausible).map(lambda v: [v])
    return plausible, hostile.map(lambda v: [v])


@st.composite
def filled(draw, form, ids):
    """{name: [values]} as a browser posts the form, one or two of its fields attacked.

    (With more, nearly every post is refused for one of them, and none
    gets through to the service with the others.)
    """
    groups = _groups(form)
    names = sorted(set(groups) - {CSRF})
    attacked = set(draw(st.lists(st.sampled_from(names), max_size=2), label="attacked")) if names else set()
    posted = {}
    for name, fields in groups.items():
        plausible, hostile = _strategies(fields, ids) if name != CSRF else (st.just(_as_given(fields)), None)
        if name not in attacked:
            posted[name] = draw(plausible)
        elif draw(mostly(st.just(True), st.just(False)), label=f"{name} sent"):
            posted[name] = draw(hostile, label=name)
    return posted


def _tables():
    """Every model whose rows a post may write: the app's own, their many-to-many tables, the log-ins'.

    A proxy model's rows are its concrete model's, read once there.
    """
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if (model._meta.app_config.name.startswith("os2org.") or model._meta.app_label in ("auth", "knox"))
        and not model._meta.proxy
    ]


@functools.cache
def _queries():
    """(model, SQL reading the primary key and every column of its own table), made once.

    Plain SQL: a snapshot reads every table twice per example, and building
    as many querysets each time took a tenth of this module's time.
    """
    quote = connection.ops.quote_name
    queries = []
    for model in _tables():
        columns = [model._meta.pk.column, *(field.column for field in model._meta.local_concrete_fields)]
        queries.append((model, f"SELECT {', '.join(map(quote, columns))} FROM {quote(model._meta.db_table)}"))
    return queries


def _snapshot():
    """{model: {pk: row}} of every table a post may write, the values as the database gives them."""
    found = {}
    with connection.cursor() as cursor:
        for model, query in _queries():
            cursor.execute(query)
            found[model] = {row[0]: row for row in cursor.fetchall()}
    return found


def _changes(before, after):
    """{model label: (added pks, changed pks, removed pks)} of the tables that changed."""
    found = {}
    for model, rows in after.items():
        old = before[model]
        added = sorted(set(rows) - set(old))
        removed = sorted(set(old) - set(rows))
        changed = sorted(pk for pk in set(rows) & set(old) if rows[pk] != old[pk])
        if added or removed or changed:
            found[model._meta.label] = (added, changed, removed)
    return found


def _invalid_rows(changes):
    """"model pk: problem" for each row added or changed that its model would not accept."""
    problems = []
    for label, (added, changed, _removed) in changes.items():
        model = apps.get_model(label)
        if model._meta.auto_created:
            continue
        for obj in model._base_manager.filter(pk__in=added + changed):
            problems += [f"{label} {obj.pk}: {problem}" for problem in _problems(obj)]
    return problems


def _problems(obj):
    found = []
    try:
        obj.full_clean()
    except ValidationError as error:
        found.append(error.message_dict)
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, (models.DateField, models.DateTimeField)):
            days = [value] if value is not None else []
        elif isinstance(field, models.JSONField):
            days = list(_iso_dates(value))
        else:
            days = []
        found += [f"{field.name}: {day} is outside the supported range" for day in days if not in_range(day)]
    return found


def _iso_dates(value):
    """The dates written as ISO dates anywhere in a JSON value (an activity's further dates, say)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _iso_dates(item)
    elif isinstance(value, str) and len(value) == 10:
        try:
            yield date.fromisoformat(value)
        except ValueError:
            pass


def _shown(posted):
    """The posted data in a failure message: long values cut short."""
    return {
        name: [value if len(value) <= 80 else f"{value[:60]!r}… ({len(value)} characters)" for value in values]
        for name, values in posted.items()
        if name != CSRF
    }


def _out_of_range_dates(form, posted):
    """The date fields posted with a well-formed date outside the supported range."""
    names = {field.name for field in form.fields if field.kind == "date"}
    return sorted(name for name in names & set(posted) if posted[name] and _iso_outside(posted[name][-1]))


def _iso_outside(value):
    try:
        return not in_range(date.fromisoformat(value))
    except ValueError:
        return False


def _field_errors(response, name):
    root = dom.parse(response)
    return " ".join(dom.texts(dom.elements(root, "ul", class_="errorlist", id=f"id_{name}_error")))


@pytest.fixture
def client():
    """A browser's client: a post without the page's CSRF token is refused."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "viewer"), list(_cases()))
def test_form_takes_any_input_without_error_or_partial_write(world, client, name, viewer):
    PREPARE.get(name, lambda world: None)(world)
    world.sign_in(client, viewer)
    address, page = url(name, world), url(PAGE_OF.get(name, name), world)
    shown = client.get(page)
    forms = [form for form in forms_of(shown.content.decode()) if _posts_to(form, address, page)]
    assert (shown.status_code, bool(forms)) == (200, True), f"{name}: no form posting to {address} on {page}"
    ids = _ids()

    @seed(zlib.crc32(f"{name} {viewer}".encode()))
    @limits(max(forms, key=lambda form: len(form.fields)))
    @given(st.data())
    def post(data):
        form = data.draw(st.sampled_from(forms), label="form") if len(forms) > 1 else forms[0]
        posted = data.draw(filled(form, ids), label="posted")
        # Cached pages are keyed by the newest audit entry, whose id a rolled-back example may hand on.
        cache.clear()
        world.sign_in(client, viewer)
        with transaction.atomic():
            _check_post(client, f"{name} as {viewer}", address, page, form, posted)
            transaction.set_rollback(True)

    post()


def _first_poster(name):
    """The first group that may post to the view and is shown its form."""
    posts = EXPECTED[name]["POST"]
    return next(viewer for viewer in VIEWERS if viewer in posts and (name, viewer) not in NO_FORM)


def _edge_posts(form, ids):
    """The form as the page gave it, then with each edge value in all its fields of that kind."""
    groups = _groups(form)
    given = {name: _as_given(fields) for name, fields in groups.items()}
    yield given
    for kind, values in EDGES.items():
        names = [name for name, fields in groups.items() if KIND_OF.get(fields[0].kind) == kind]
        for value in values if names else ():
            yield {**given, **{name: [_edge(value, groups[name], ids)] for name in names}}


def _edge(value, fields, ids):
    if value is not ANOTHER_ID:
        return value
    offered = {value for value, _ in fields[0].options} | {field.value for field in fields}
    return next(str(pk) for pk in ids if str(pk) not in offered)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted({case.values[0] for case in _cases()}))
def test_form_takes_the_edge_values_of_each_kind(world, client, name):
    viewer = _first_poster(name)
    PREPARE.get(name, lambda world: None)(world)
    world.sign_in(client, viewer)
    address, page = url(name, world), url(PAGE_OF.get(name, name), world)
    forms = [form for form in forms_of(client.get(page).content.decode()) if _posts_to(form, address, page)]
    # One of each shape: the feeds page has a button like every other for each body.
    shapes = {tuple((field.name, field.kind) for field in form.fields): form for form in forms}
    ids = _ids()

    for form in shapes.values():
        for posted in _edge_posts(form, ids):
            cache.clear()
            world.sign_in(client, viewer)
            with transaction.atomic():
                _check_post(client, f"{name} as {viewer}", address, page, form, posted)
                transaction.set_rollback(True)


def _ids():
    """Every object's id: one a select did not offer, or one of another kind."""
    found = {pk for model in _tables() for pk in model._base_manager.values_list("pk", flat=True)}
    return sorted(pk for pk in found if isinstance(pk, int))


def _check_post(client, who, address, page, form, posted):
    case = f"{who}, posted {_shown(posted)}"
    before = _snapshot()
    try:
        response = client.post(address, posted)
    except Exception as error:
        error.add_note(case)
        raise
    changes = _changes(before, _snapshot())
    assert response.status_code in (200, 302, 400, 404, 409), f"{case}: answered {response.status_code}"
    if response.status_code == 302:
        _check_saved(case, changes)
    else:
        assert changes == {}, f"{case}: refused ({response.status_code}), yet wrote {changes}"
    outside = _out_of_range_dates(form, posted)
    if outside:
        assert response.status_code == 200, f"{case}: {outside} outside 1900–2999, answered {response.status_code}"
        with translation.override(django_settings.LANGUAGE_CODE):
            message = str(OUT_OF_RANGE)
        assert [name for name in outside if message not in _field_errors(response, name)] == [], case
    if response.status_code == 302:
        # (A refusal changed nothing, so the page is as it was.)
        _check_renders(client, case, page)
        _check_renders(client, case, response["Location"])


def _check_saved(case, changes):
    added, changed, removed = changes.pop(Entry._meta.label, ([], [], []))
    assert (changed, removed) == ([], []), f"{case}: changed or removed audit entries"
    # One save, one audit entry; a save that changed nothing may still say so.
    allowed = [1] if changes else [0, 1]
    assert len(added) in allowed, f"{case}: wrote {changes} with {len(added)} audit entries"
    assert _invalid_rows(changes) == [], case


def _check_renders(client, case, address):
    try:
        status = client.get(address).status_code
    except Exception as error:
        error.add_note(f"{case}: then GET {address}")
        raise
    assert status in (200, 302, 404), f"{case}: then GET {address} answered {status}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "viewer"), sorted(NO_FORM))
def test_page_shows_no_form_to_a_group_listed_without_one(world, client, name, viewer):
    world.sign_in(client, viewer)
    address, page = url(name, world), url(PAGE_OF.get(name, name), world)

    html = client.get(page).content.decode()

    assert [form for form in forms_of(html) if _posts_to(form, address, page)] == []
