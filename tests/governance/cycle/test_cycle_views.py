from datetime import date, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.audit.models import Entry
from os2org.governance.cycle.services import feed_for
from os2org.governance.models import Activity, Feed
from os2org.organisation.models import Body
from os2org.organisation.services import assign_role, save_body, save_person
from tests.dom import attribute, children, element, elements, parse, shown_messages, text, texts
from tests.forms import submit
from tests.governance.builders import meeting
from tests.governance.cycle_data import make_activity, make_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(today):
    """A board meeting every second Tuesday at five, a budget deadline, a role held by Ane, a role held by nobody."""
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    chief = make_role("Sekretariatschef", reviewed_on=date(2025, 6, 12))
    editor = make_role("Kommunikationsmedarbejder")
    ane = save_person(name="Ane Holm")
    assign_role(ane, body=board, role=chief, starts=date(2025, 1, 1), hours_per_week=37)
    return {
        "board": board,
        "chief": chief,
        "meeting": make_activity(
            title="Bestyrelsesmøde",
            body=board,
            role=chief,
            starts=date(2026, 1, 13),
            time=time(17, 0),
            rule="FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2TU",
            description="Dagsorden sendes *en uge* før. <script>alert(1)</script>",
        ),
        "newsletter": make_activity(
            title="Nyhedsbrev",
            kind="communication",
            role=editor,
            audience="members",
            starts=None,
            dates=["2026-05-20", "2026-08-05", "2026-12-01"],
        ),
    }


def main(response):
    assert response.status_code == 200
    return element(parse(response), "main")


def test_wheel_shows_this_year_by_default(client, made):
    document = main(client.get("/en/aarshjul/"))

    assert text(element(document, "h1")) == "Annual cycle 2026"


def test_wheel_links_to_the_years_around_it(client, made):
    links = elements(element(main(client.get("/en/aarshjul/?aar=2030")), "nav", class_="cycle-years"), "a")

    assert [(text(a), attribute(a, "href")) for a in links] == [
        ("Previous year (2029)", "?aar=2029"),
        ("Next year (2031)", "?aar=2031"),
    ]


@pytest.mark.parametrize("year", ["abc", "0", "-1", "10000", ""])
def test_wheel_of_no_year_is_not_found(client, made, year):
    assert client.get(f"/en/aarshjul/?aar={year}").status_code == 404


def test_wheel_has_a_band_or_a_mark_per_activity(client, made, member):
    svg = element(main(client.get("/en/aarshjul/")), "svg", class_="cycle-wheel-svg")

    # The meeting of every month but July is a band; bands first, then marks ring by ring.
    assert [text(element(a, "title")) for a in elements(svg, "a")] == [
        "Bestyrelsesmøde (meeting), 11 times in 2026: every month except July",
        "Yearly review: Sekretariatschef (deadline), June 12, 2026",
        "Nyhedsbrev (communication), May 20, August 5 and December 1, 2026",
    ]


def test_wheel_mark_has_a_dot_in_each_month(client, made):
    svg = element(main(client.get("/en/aarshjul/")), "svg", class_="cycle-wheel-svg")

    (mark,) = elements(element(svg, "g", class_="cycle-marks"), "a")
    assert len(elements(mark, "path")) == 3


def test_wheel_of_another_year_has_no_today(client, made):
    svg = element(main(client.get("/en/aarshjul/?aar=2027")), "svg", class_="cycle-wheel-svg")

    assert elements(svg, "g", class_="cycle-today") == []


def month_list(response):
    return element(main(response), "section", class_="cycle-month")


def test_wheel_lists_this_month_by_default(client, made):
    month = month_list(client.get("/en/aarshjul/"))

    assert (text(element(month, "h2")), texts(elements(month, "li"))) == (
        "May 2026",
        [
            # (The test's text() puts a space between the date and the colon after it.)
            "May 12 : Meeting Bestyrelsesmøde at 5 p.m. · Bestyrelsen",
            "May 20 : Communication Nyhedsbrev",
        ],
    )


def test_wheel_of_another_year_lists_january(client, made):
    month = month_list(client.get("/en/aarshjul/?aar=2027"))

    assert (text(element(month, "h2")), texts(elements(month, "li"))) == (
        "January 2027",
        ["January 12 : Meeting Bestyrelsesmøde at 5 p.m. · Bestyrelsen"],
    )


def test_wheel_lists_the_month_asked_for(client, made, member):
    month = month_list(client.get("/en/aarshjul/?maaned=6"))

    assert (text(element(month, "h2")), texts(elements(month, "li"))) == (
        "June 2026",
        [
            "June 9 : Meeting Bestyrelsesmøde at 5 p.m. · Bestyrelsen",
            "June 12 : Deadline Yearly review: Sekretariatschef",
        ],
    )


def test_wheel_lists_a_month_with_nothing(client, made):
    month = month_list(client.get("/en/aarshjul/?maaned=7"))

    assert texts(elements(month, "p")) == ["Nothing planned."]


def test_wheel_lists_an_activity_once_a_month_with_its_count(client, made):
    make_activity(title="Koordinatormøde", starts=date(2026, 3, 2), rule="FREQ=WEEKLY;UNTIL=20260330")

    month = month_list(client.get("/en/aarshjul/?maaned=3"))

    assert texts(elements(month, "li")) == [
        "5 times: Meeting Koordinatormøde",
        "March 10 : Meeting Bestyrelsesmøde at 5 p.m. · Bestyrelsen",
    ]


def test_wheel_links_to_each_month_of_the_year(client, made):
    nav = element(main(client.get("/en/aarshjul/?aar=2027&maaned=3")), "nav", class_="cycle-months")

    links = elements(nav, "a")
    assert (len(links), attribute(links[0], "href"), [text(a) for a in links if attribute(a, "aria-current")]) == (
        12,
        "?aar=2027&maaned=1#by-month",
        ["March"],
    )


@pytest.mark.parametrize("month", ["0", "13", "abc", "-1", ""])
def test_wheel_of_no_month_is_not_found(client, made, month):
    assert client.get(f"/en/aarshjul/?maaned={month}").status_code == 404


def test_wheel_lists_link_a_review_to_its_role(client, made, member):
    june = month_list(client.get("/en/aarshjul/?maaned=6"))

    assert attribute(elements(june, "a")[1], "href") == "/en/roller/sekretariatschef/"


def titles(listing):
    """The title of each item of a list of the cycle: its first link."""
    return [text(elements(item, "a")[0]) for item in elements(listing, "li")]


def _deadlines(count, day):
    for number in range(1, count + 1):
        make_activity(title=f"Frist {number:02}", kind="deadline", starts=day)


def test_wheel_lists_a_month_fifty_at_a_time(client, made):
    _deadlines(51, date(2026, 5, 20))

    first = titles(month_list(client.get("/en/aarshjul/")))
    second = titles(month_list(client.get("/en/aarshjul/?side=2")))

    # Whole days before timed ones, and deadlines before communication on the same day.
    assert (first, second) == (
        ["Bestyrelsesmøde", *[f"Frist {number:02}" for number in range(1, 50)]],
        ["Frist 50", "Frist 51", "Nyhedsbrev"],
    )


def test_wheel_month_pages_keep_the_year_and_month(client, made):
    _deadlines(51, date(2027, 2, 1))

    pages = element(main(client.get("/en/aarshjul/?aar=2027&maaned=2")), "nav", class_="pagination")

    assert attribute(element(pages, "a", rel="next"), "href") == "?aar=2027&maaned=2&side=2"


def test_upcoming_groups_the_next_90_days_by_date(client, made, member):
    document = main(client.get("/en/aarshjul/kommende/"))

    # No meeting in July, and the next dates after 4 August are 5 and 11 August.
    assert texts(elements(document, "h2")) == [
        "Tuesday May 12, 2026",
        "Wednesday May 20, 2026",
        "Tuesday June 9, 2026",
        "Friday June 12, 2026",
    ]


def test_upcoming_says_the_period(client, made):
    document = main(client.get("/en/aarshjul/kommende/"))

    assert text(elements(document, "p")[0]) == "From today, May 7, 2026, until Aug. 4, 2026."


def test_upcoming_names_the_responsible_role_and_who_holds_it(client, made):
    day = elements(main(client.get("/en/aarshjul/kommende/")), "section", class_="cycle-day")[0]

    (item,) = elements(day, "li")
    assert [(text(a), attribute(a, "href")) for a in elements(item, "a")] == [
        ("Bestyrelsesmøde", f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"),
        ("Sekretariatschef", "/en/roller/sekretariatschef/"),
        ("Ane Holm", "/en/organisation/personer/ane-holm/"),
    ]


def test_upcoming_says_when_nobody_holds_the_role(client, made):
    day = elements(main(client.get("/en/aarshjul/kommende/")), "section", class_="cycle-day")[1]

    assert texts(elements(day, "li")) == [
        "Communication Nyhedsbrev · Responsible: Kommunikationsmedarbejder (nobody holds the role)"
    ]


def test_upcoming_ends_after_90_days(client, today):
    make_activity(title="Sidste dag", starts=today + timedelta(days=89))
    make_activity(title="Dagen efter", starts=today + timedelta(days=90))

    document = main(client.get("/en/aarshjul/kommende/"))

    assert texts(elements(document, "h2")) == ["Tuesday Aug. 4, 2026"]


def test_upcoming_with_nothing_says_so(client, today):
    assert texts(elements(main(client.get("/en/aarshjul/kommende/")), "p"))[-1] == "Nothing planned in the next 90 days."


def _days(response):
    return texts(elements(main(response), "h2"))


def test_upcoming_shows_the_first_fifty_dates(client, today):
    make_activity(title="Dagligt", starts=today, rule="FREQ=DAILY")

    days = _days(client.get("/en/aarshjul/kommende/"))

    assert (len(days), days[0], days[-1]) == (50, "Thursday May 7, 2026", "Thursday June 25, 2026")


def test_upcoming_shows_the_next_dates_on_the_next_page(client, today):
    make_activity(title="Dagligt", starts=today, rule="FREQ=DAILY")

    days = _days(client.get("/en/aarshjul/kommende/?side=2"))

    assert (len(days), days[0], days[-1]) == (40, "Friday June 26, 2026", "Tuesday Aug. 4, 2026")


def test_upcoming_says_the_period_on_every_page(client, today):
    make_activity(title="Dagligt", starts=today, rule="FREQ=DAILY")

    document = main(client.get("/en/aarshjul/kommende/?side=2"))

    assert text(elements(document, "p")[0]) == "From today, May 7, 2026, until Aug. 4, 2026."


def _upcoming_titles(response):
    return [title for listing in elements(main(response), "ul", class_="cycle-list") for title in titles(listing)]


def test_upcoming_pages_over_the_dates_of_a_day(client, today):
    _deadlines(51, today)

    first = _upcoming_titles(client.get("/en/aarshjul/kommende/"))
    second = _upcoming_titles(client.get("/en/aarshjul/kommende/?side=2"))

    assert (first[-1], second) == ("Frist 50", ["Frist 51"])


def test_upcoming_links_to_the_next_page(client, today):
    make_activity(title="Dagligt", starts=today, rule="FREQ=DAILY")

    pages = element(main(client.get("/en/aarshjul/kommende/")), "nav", class_="pagination")

    assert (attribute(element(pages, "a", rel="next"), "href"), text(element(pages, "span"))) == (
        "?side=2",
        "Page 1 of 2 (90 in all)",
    )


def rows(table):
    return [texts(children(row)) for row in elements(table, "tr")]


def test_activities_lists_each_with_its_schedule_and_next_date(client, made):
    table = element(main(client.get("/en/aarshjul/aktiviteter/")), "table", class_="cycle-activities")

    assert rows(table) == [
        ["Activity", "Kind", "When", "Next date", "Body or forum", "Responsible role"],
        [
            "Bestyrelsesmøde",
            "Meeting",
            "The second Tuesday of every month except July",
            "May 12, 2026",
            "Bestyrelsen",
            "Sekretariatschef",
        ],
        ["Nyhedsbrev", "Communication", "On 3 dates", "May 20, 2026", "—", "Kommunikationsmedarbejder"],
    ]


def test_activities_lists_the_role_reviews(client, made, member):
    table = element(main(client.get("/en/aarshjul/aktiviteter/")), "table", class_="cycle-reviews")

    assert rows(table) == [["Role description", "Next review"], ["Sekretariatschef", "June 12, 2026"]]


def test_activities_offers_staff_to_add_one(client, made, staff):
    link = element(main(client.get("/en/aarshjul/aktiviteter/")), "a", class_="org-action")

    assert (text(link), attribute(link, "href")) == ("Add an activity", "/en/aarshjul/aktiviteter/ny/")


def test_activities_offers_the_public_nothing_to_change(client, made):
    assert elements(main(client.get("/en/aarshjul/aktiviteter/")), "a", class_="org-action") == []


def _activity_titles(response):
    return [row[0] for row in rows(element(main(response), "table", class_="cycle-activities"))[1:]]


def test_activities_are_ordered_by_title_whatever_the_case(client, today):
    for title in ("bestyrelsesmøde", "Frist", "aftale"):
        make_activity(title=title)

    assert _activity_titles(client.get("/en/aarshjul/aktiviteter/")) == ["aftale", "bestyrelsesmøde", "Frist"]


def test_activities_show_fifty_a_page(client, today):
    _deadlines(51, today)

    first = _activity_titles(client.get("/en/aarshjul/aktiviteter/"))
    second = _activity_titles(client.get("/en/aarshjul/aktiviteter/?side=2"))

    assert (first, second) == ([f"Frist {number:02}" for number in range(1, 51)], ["Frist 51"])


def test_activities_page_links_keep_the_other_parameters(client, today):
    _deadlines(51, today)

    pages = element(main(client.get("/en/aarshjul/aktiviteter/?side=2&sprog=da")), "nav", class_="pagination")

    assert attribute(element(pages, "a", rel="prev"), "href") == "?sprog=da"


def test_activities_list_the_reviews_under_the_first_page_only(client, made, member):
    _deadlines(50, date(2026, 6, 1))

    first = main(client.get("/en/aarshjul/aktiviteter/"))
    second = main(client.get("/en/aarshjul/aktiviteter/?side=2"))

    assert (len(elements(first, "table", class_="cycle-reviews")), elements(second, "table", class_="cycle-reviews")) == (
        1,
        [],
    )


def test_activity_shows_its_schedule_body_role_and_holders(client, made):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"))

    assert texts(elements(element(document, "dl"), "dd")) == [
        "Meeting",
        "The second Tuesday of every month except July, at 5 p.m. for 60 minutes",
        "Bestyrelsen",
        "Sekretariatschef",
        "Ane Holm",
    ]


def test_activity_shows_its_next_five_dates(client, made):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"))

    assert texts(elements(element(document, "ol", class_="cycle-next"), "li")) == [
        "May 12, 2026",
        "June 9, 2026",
        "Aug. 11, 2026",
        "Sept. 8, 2026",
        "Oct. 13, 2026",
    ]


def test_activity_shows_its_audience(client, made):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['newsletter'].pk}/"))

    assert texts(elements(element(document, "dl"), "dd"))[-2:] == ["Nobody holds the role today.", "Members"]


def test_activity_description_is_rendered_and_sanitised(client, made):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"))

    description = element(document, "div", class_="cycle-description")
    assert (text(element(description, "em")), elements(description, "script")) == ("en uge", [])


def test_activity_shows_the_description_as_stored_when_it_was_written(client, made):
    Activity.objects.filter(pk=made["meeting"].pk).update(description_html="<p>Gemt beskrivelse</p>")

    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"))

    assert text(element(document, "div", class_="cycle-description")) == "Gemt beskrivelse"


def test_activity_unknown_is_not_found(client, made):
    assert client.get("/en/aarshjul/aktiviteter/999/").status_code == 404


@pytest.mark.parametrize("address", ["/aarshjul/", "/aarshjul/kommende/", "/aarshjul/aktiviteter/"])
def test_read_pages_refuse_post(client, made, address):
    assert client.post(address).status_code == 405


def test_activity_create_sends_the_public_to_log_in(client, made):
    response = client.get("/en/aarshjul/aktiviteter/ny/")

    assert (response.status_code, response["Location"]) == (302, "/en/konto/login/?next=/en/aarshjul/aktiviteter/ny/")


def test_activity_create_refuses_those_who_are_not_staff(client, made):
    client.force_login(User.objects.create_user("reader", password="pw"))

    assert client.get("/en/aarshjul/aktiviteter/ny/").status_code == 403


def test_activity_create_saves_and_shows_the_activity(client, made, staff):
    response = client.post(
        "/en/aarshjul/aktiviteter/ny/",
        {
            "title": "Generalforsamling",
            "kind": "event",
            "body": made["board"].pk,
            "schedule": "weekday",
            "starts": "2026-04-01",
            "time": "10:00",
            "duration": "180",
            "ordinal": "-1",
            "weekday": "TH",
            "months": ["4"],
            "visibility": "public",
        },
    )

    activity = Activity.objects.get(title="Generalforsamling")
    assert (response.status_code, response["Location"]) == (302, f"/en/aarshjul/aktiviteter/{activity.pk}/")
    assert (activity.starts, activity.rule, activity.time, activity.duration, activity.body, activity.visibility) == (
        date(2026, 4, 30),
        "FREQ=MONTHLY;BYMONTH=4;BYDAY=-1TH",
        time(10, 0),
        180,
        made["board"],
        "public",
    )
    assert Entry.objects.filter(action="governance.activity", object_id=str(activity.pk)).get().actor == staff


def test_activity_create_says_the_activity_is_saved(client, made, staff):
    fields = {"title": "Frist", "kind": "deadline", "schedule": "once", "starts": "2026-04-01", "visibility": "public"}

    response = client.post("/aarshjul/aktiviteter/ny/", fields, follow=True)

    assert shown_messages(response) == [("status", "Aktiviteten er gemt.")]


def test_activity_create_with_a_rule_that_never_occurs_says_so_and_saves_nothing(client, made, staff):
    count = Activity.objects.count()

    response = client.post(
        "/en/aarshjul/aktiviteter/ny/",
        {
            "title": "Umulig",
            "kind": "deadline",
            "schedule": "custom",
            "starts": "2026-01-01",
            "rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "visibility": "members",
        },
    )

    document = main(response)
    assert text(element(element(document, "div", id="field-rule"), "ul", class_="errorlist")).startswith(
        "This schedule gives no date in the ten years from the first date."
    )
    assert text(element(element(document, "div", class_="org-form-errors"), "p")) == (
        "Please correct the fields marked below. Nothing has been saved."
    )
    assert Activity.objects.count() == count


def test_activity_create_names_the_date_line_that_is_wrong(client, made, staff):
    response = client.post(
        "/en/aarshjul/aktiviteter/ny/",
        {
            "title": "Nyhedsbrev",
            "kind": "communication",
            "schedule": "dates",
            "dates": "2026-03-01\n1. marts",
            "visibility": "members",
        },
    )

    errors = element(element(main(response), "div", id="field-dates"), "ul", class_="errorlist")
    assert text(errors) == "Line 2, “1. marts”, is not a date. Write one date per line, as 2026-03-15 or 15.3.2026."


def test_activity_edit_shows_the_schedule_as_entered(client, made, staff):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/rediger/"))

    checked = [attribute(i, "value") for i in elements(document, "input") if "checked" in dict(i.attributes)]
    assert checked == ["weekday", "1", "2", "3", "4", "5", "6", "8", "9", "10", "11", "12"]


def test_activity_edit_saves_the_change(client, made, staff):
    activity = made["newsletter"]

    response = submit(client, 
        f"/en/aarshjul/aktiviteter/{activity.pk}/rediger/",
        {
            "title": "Nyhedsbrev",
            "kind": "communication",
            "schedule": "monthly",
            "starts": "2026-06-01",
            "visibility": "members",
        },
    )

    activity.refresh_from_db()
    assert (response.status_code, activity.rule, activity.dates, activity.role) == (
        302,
        "FREQ=MONTHLY;BYMONTHDAY=1",
        [],
        None,
    )


def test_activity_page_offers_staff_to_edit(client, made, staff):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"))

    links = elements(element(document, "ul", class_="org-actions"), "a")

    assert [attribute(a, "href") for a in links] == [f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/rediger/"]


def test_feeds_page_is_for_staff(client, made):
    client.force_login(User.objects.create_user("reader", password="pw"))

    assert client.get("/en/aarshjul/kalendere/").status_code == 403


def test_feeds_page_offers_to_make_each_address(client, made, staff):
    document = main(client.get("/en/aarshjul/kalendere/"))

    assert texts(elements(document, "button")) == [
        "Make a calendar address for the whole organisation",
        "Make a calendar address for Bestyrelsen",
        "Make a calendar address for Kommunikationsmedarbejder",
        "Make a calendar address for Sekretariatschef",
        "Make a calendar address for Ane Holm",
    ]


def test_feeds_page_makes_an_address_and_shows_it(client, made, staff):
    response = client.post("/en/aarshjul/kalendere/", {"scope": "role", "id": made["chief"].pk})

    feed = Feed.objects.get()
    assert (feed.role, response["Location"]) == (made["chief"], f"/en/aarshjul/kalendere/#feed-role-{made['chief'].pk}")
    row = element(main(client.get("/en/aarshjul/kalendere/")), "tr", id=f"feed-role-{made['chief'].pk}")
    assert (text(element(row, "code")), attribute(elements(row, "a")[1], "href")) == (
        f"http://testserver/en/kalender/{feed.token}.ics",
        f"webcal://testserver/en/kalender/{feed.token}.ics",
    )


def test_feeds_page_says_the_address_is_ready(client, made, staff):
    response = client.post("/en/aarshjul/kalendere/", {"scope": "organisation"}, follow=True)

    assert shown_messages(response) == [("status", "The calendar address is ready.")]


def test_feeds_page_makes_the_organisation_address_once(client, made, staff):
    client.post("/en/aarshjul/kalendere/", {"scope": "organisation"})
    client.post("/en/aarshjul/kalendere/", {"scope": "organisation"})

    assert Feed.objects.filter(scope="organisation").count() == 1


@pytest.mark.parametrize("data", [{"scope": "role", "id": "999"}, {"scope": "planet", "id": "1"}, {"scope": "role"}])
def test_feeds_page_refuses_a_subject_that_is_not_there(client, made, staff, data):
    assert client.post("/en/aarshjul/kalendere/", data).status_code == 404


def test_feeds_page_shows_an_address_made_elsewhere(client, made, staff):
    feed = feed_for()

    section = element(main(client.get("/en/aarshjul/kalendere/")), "section", aria_labelledby="feed-organisation")

    assert text(element(section, "code")) == f"http://testserver/en/kalender/{feed.token}.ics"


@pytest.fixture
def thirty_people(made):
    """Ane Holm (of `made`) and 29 more people, "Zelma 01" … "Zelma 29", who sort after her."""
    return [save_person(name=f"Zelma {number:02}") for number in range(1, 30)]


def people_listed(response):
    section = element(main(response), "section", aria_labelledby="feeds-3")
    return [text(element(row, "th")) for row in elements(element(section, "tbody"), "tr")]


def test_feeds_page_lists_twenty_five_people_a_page(client, thirty_people, staff):
    listed = people_listed(client.get("/en/aarshjul/kalendere/"))

    assert listed == ["Ane Holm", *[f"Zelma {number:02}" for number in range(1, 25)]]


def test_feeds_page_lists_the_rest_of_the_people_on_their_next_page(client, thirty_people, staff):
    listed = people_listed(client.get("/en/aarshjul/kalendere/?personer=2"))

    assert listed == [f"Zelma {number:02}" for number in range(25, 30)]


def test_feeds_page_pages_each_kind_by_its_own_parameter(client, thirty_people, staff):
    section = element(main(client.get("/en/aarshjul/kalendere/")), "section", aria_labelledby="feeds-3")

    assert attribute(element(element(section, "nav", class_="pagination"), "a"), "href") == "?personer=2#feeds-3"


def test_feeds_page_shows_a_new_address_on_the_page_that_lists_it(client, thirty_people, staff):
    last = thirty_people[-1]

    response = client.post("/en/aarshjul/kalendere/", {"scope": "person", "id": last.pk})

    assert response["Location"] == f"/en/aarshjul/kalendere/?personer=2#feed-person-{last.pk}"


def _queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


# Three schedules: every month (a band on the wheel), every quarter (marks) and every week.
RULES = ("FREQ=MONTHLY;BYMONTHDAY=8", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=8", "FREQ=WEEKLY")


def _more(made, numbers):
    """An activity each with its own role (held by its own person, reviewed yearly) from tomorrow, and a meeting."""
    for number in numbers:
        role = make_role(f"Rolle {number:02}", reviewed_on=date(2025, 6, 1))
        person = save_person(name=f"Person {number:02}")
        assign_role(person, body=made["board"], role=role, starts=date(2026, 1, 1), hours_per_week=5)
        make_activity(
            title=f"Aktivitet {number:02}",
            kind=Activity.Kind.values[number % 5],
            body=made["board"],
            role=role,
            starts=date(2026, 5, 8),
            rule=RULES[number % 3],
        )
        meeting(made["board"], f"{date(2026, 5, 8) + timedelta(days=3 * number)} 16:00")


def _viewer(request, viewer):
    if viewer != "public":
        request.getfixturevalue(viewer)


CYCLE_PAGES = ["/aarshjul/", "/aarshjul/kommende/", "/aarshjul/aktiviteter/", "/aarshjul/aktiviteter/{first}/"]


@pytest.mark.parametrize("viewer", ["public", "member", "staff"])
@pytest.mark.parametrize("address", CYCLE_PAGES)
def test_cycle_page_queries_do_not_grow_with_the_activities(request, client, made, viewer, address):
    Activity.objects.all().delete()
    _more(made, range(3))
    address = address.format(first=Activity.objects.get(title="Aktivitet 00").pk)
    _viewer(request, viewer)
    few = _queries(client, address)
    _more(made, range(3, 24))

    assert (Activity.objects.count(), _queries(client, address)) == (24, few)


def test_feeds_page_queries_do_not_grow_with_the_subjects(client, made, staff):
    _more(made, range(3))
    few = _queries(client, "/aarshjul/kalendere/")
    _more(made, range(3, 24))

    assert _queries(client, "/aarshjul/kalendere/") == few


@pytest.mark.parametrize("address", ["/aarshjul/", "/aarshjul/kommende/", "/aarshjul/aktiviteter/"])
def test_list_served_again_reads_only_the_version(client, made, django_assert_num_queries, address):
    client.get(address)

    with django_assert_num_queries(1):
        client.get(address)


# What each viewer may read, and who may change what

CONFLICT = (
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "open the page again to see their change, then make yours."
)


def test_activities_for_the_public_leave_out_members_activities_and_the_reviews(client, made):
    make_activity(title="Medlemsmøde", visibility="members")

    document = main(client.get("/en/aarshjul/aktiviteter/"))

    table = element(document, "table", class_="cycle-activities")
    assert [row[0] for row in rows(table)[1:]] == ["Bestyrelsesmøde", "Nyhedsbrev"]
    assert elements(document, "table", class_="cycle-reviews") == []


def test_activities_for_a_member_leave_out_internal_activities(client, made, member):
    make_activity(title="Medlemsmøde", visibility="members")
    make_activity(title="Intern frist", kind="deadline", visibility="internal")

    table = element(main(client.get("/en/aarshjul/aktiviteter/")), "table", class_="cycle-activities")

    assert [row[0] for row in rows(table)[1:]] == ["Bestyrelsesmøde", "Medlemsmøde", "Nyhedsbrev"]


def test_activity_for_members_is_not_found_by_the_public(client, made):
    hidden = make_activity(title="Medlemsmøde", visibility="members")

    assert client.get(f"/en/aarshjul/aktiviteter/{hidden.pk}/").status_code == 404


def test_activity_internal_is_not_found_by_a_member(client, made, member):
    hidden = make_activity(title="Intern frist", kind="deadline", visibility="internal")

    assert client.get(f"/en/aarshjul/aktiviteter/{hidden.pk}/").status_code == 404


def test_activity_shows_a_signed_in_viewer_its_visibility(client, made, member):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"))

    assert text(element(document, "p", class_="activity-visibility")) == "Visibility: Public"


def test_activity_shows_the_public_no_visibility(client, made):
    document = main(client.get(f"/en/aarshjul/aktiviteter/{made['meeting'].pk}/"))

    assert elements(document, "p", class_="activity-visibility") == []


def _edit_post(response, **changes):
    """The edit form as it was opened (with its revision), with some fields changed."""
    form = response.context["form"]
    posted = {name: form[name].value() for name in form.fields if form[name].value() not in (None, "")}
    posted["months"] = [str(month) for month in posted.get("months", [])]
    return {**posted, **changes}


def test_activity_edit_refuses_the_second_of_two_saves_from_the_same_form(client, made, staff):
    address = f"/en/aarshjul/aktiviteter/{made['newsletter'].pk}/rediger/"
    opened = client.get(address)
    client.post(address, _edit_post(opened, title="Nyhedsbrev i maj"))
    before = Entry.objects.count()

    response = client.post(address, _edit_post(opened, title="Nyhedsbrevet"))

    errors = element(main(response), "div", class_="org-form-errors")
    assert texts(elements(errors, "li")) == [CONFLICT]
    assert (Activity.objects.get(pk=made["newsletter"].pk).title, Entry.objects.count()) == ("Nyhedsbrev i maj", before)


def test_activity_create_offers_a_coordinator_only_their_community(client, made, coordinator):
    options = elements(element(main(client.get("/en/aarshjul/aktiviteter/ny/")), "select", id="id_body"), "option")

    assert texts(options) == ["---------", "Fællesskab A", "Styregruppen for A"]


def test_activity_create_by_a_coordinator_refuses_another_body_and_saves_nothing(client, made, coordinator):
    count = Activity.objects.count()

    response = client.post(
        "/en/aarshjul/aktiviteter/ny/",
        {
            "title": "Frist",
            "kind": "deadline",
            "body": made["board"].pk,
            "schedule": "once",
            "starts": "2026-06-01",
            "visibility": "members",
        },
    )

    errors = element(element(main(response), "div", id="field-body"), "ul", class_="errorlist")
    assert text(errors) == "Choose one of the bodies listed: those whose annual cycle you may change."
    assert Activity.objects.count() == count


def test_feeds_page_offers_members_as_the_level_of_a_new_feed(client, made, staff):
    select = element(main(client.get("/en/aarshjul/kalendere/")), "select", id="feed-visibility-organisation-")

    options = [(attribute(option, "value"), "selected" in dict(option.attributes)) for option in elements(select, "option")]
    assert options == [("public", False), ("members", True), ("internal", False)]


def test_feeds_page_makes_a_feed_at_the_level_chosen(client, made, staff):
    client.post("/en/aarshjul/kalendere/", {"scope": "body", "id": made["board"].pk, "visibility": "internal"})

    assert Feed.objects.values_list("body", "visibility").get() == (made["board"].pk, "internal")


def test_feeds_page_makes_a_feed_for_members_when_no_level_is_sent(client, made, staff):
    client.post("/en/aarshjul/kalendere/", {"scope": "organisation"})

    assert Feed.objects.get().visibility == "members"


def test_feeds_page_says_what_a_feed_shows(client, made, staff):
    feed_for(visibility="public")

    section = element(main(client.get("/en/aarshjul/kalendere/")), "section", aria_labelledby="feed-organisation")

    assert text(element(section, "span", class_="cycle-feed-shows")) == "Shows: Public"


def test_feeds_page_refuses_a_level_that_does_not_exist(client, made, staff):
    response = client.post("/en/aarshjul/kalendere/", {"scope": "organisation", "visibility": "everyone"})

    assert (response.status_code, Feed.objects.count()) == (404, 0)


def test_wheel_filters_by_kind(client, made):
    page = main(client.get("/en/aarshjul/?type=communication&aar=2026"))

    drawn = [attribute(group, "class") for part in ("cycle-bands", "cycle-marks") for group in elements(element(page, "g", class_=part), "g")]
    assert drawn == ["cycle-kind-communication"]


def test_wheel_keeps_its_filters_in_the_links_to_other_years(client, made):
    page = main(client.get("/en/aarshjul/?type=deadline&aar=2026"))

    links = [attribute(a, "href") for a in elements(element(page, "nav", class_="cycle-years"), "a")]
    assert links == ["?aar=2025&type=deadline", "?aar=2027&type=deadline"]


def test_wheel_prints_on_a3_when_asked(client, made):
    document = parse(client.get("/en/aarshjul/?papir=a3"))

    sheets = [attribute(link, "href") for link in elements(document, "link") if attribute(link, "media") == "print"]
    assert [sheet.rsplit("/", 1)[-1].split(".")[0] for sheet in sheets] == ["cycle_print_a3"]


def test_wheel_has_a_key_naming_each_number(client, made):
    page = main(client.get("/en/aarshjul/?aar=2026"))

    key = elements(element(page, "ol", class_="cycle-key"), "li")
    assert [(attribute(item, "value"), text(item).split(" (")[0]) for item in key] == [
        ("1", "Bestyrelsesmøde"),
        ("2", "Nyhedsbrev"),
    ]
