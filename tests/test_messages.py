"""The one-off messages of messages.html: a success is told politely, a failure at once."""

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test.html import parse_html

from tests.dom import attribute, elements, text


def shown(*messages):
    html = render_to_string("messages.html", {"messages": messages, "DEFAULT_MESSAGE_LEVELS": constants.DEFAULT_LEVELS})
    return [(attribute(node, "role"), text(node)) for node in elements(parse_html(html), "p")]


def test_a_success_is_a_status():
    assert shown(Message(constants.SUCCESS, "Mødet er gemt.")) == [("status", "Mødet er gemt.")]


def test_an_error_is_an_alert():
    assert shown(Message(constants.ERROR, "Mødet blev ikke gemt.")) == [("alert", "Mødet blev ikke gemt.")]
