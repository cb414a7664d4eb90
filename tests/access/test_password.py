import pytest
from django.core import mail

from tests.accounts import make_user

pytestmark = pytest.mark.django_db


def test_password_reset_mails_a_link_to_the_account(client):
    user = make_user("ane")
    user.email = "ane@example.org"
    user.save()

    response = client.post("/en/konto/password_reset/", {"email": "ane@example.org"})

    (sent,) = mail.outbox
    link = next(line for line in sent.body.splitlines() if "/konto/reset/" in line)
    assert (response.status_code, sent.to, sent.subject, link.startswith("http://testserver/")) == (
        302,
        ["ane@example.org"],
        "A new password for testserver",
        True,
    )


def test_password_reset_link_lets_the_owner_choose_a_password(client):
    user = make_user("ane")
    user.email = "ane@example.org"
    user.save()
    client.post("/en/konto/password_reset/", {"email": "ane@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/reset/" in line)

    form = client.get(link.removeprefix("http://testserver"), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "a-new-long-password", "new_password2": "a-new-long-password"})

    user.refresh_from_db()
    assert user.check_password("a-new-long-password") is True
