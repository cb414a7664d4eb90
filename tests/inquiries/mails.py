"""E-mails for the inquiries tests, as a mail program saves them."""

PLAIN = b"""From: Jens Olsen <jens@egeby.dk>
To: sekretariat@example.org
Subject: =?utf-8?q?Sp=C3=B8rgsm=C3=A5l_om_nyhedsbrevet?=
Date: Thu, 07 May 2026 09:15:00 +0200
Message-ID: <a1@egeby.dk>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hej

Kan vi komme med i n\xc3\xa6ste nummer?
"""

HTML_ONLY = b"""From: ida@nyby.dk
Subject: Webinar
Date: Wed, 06 May 2026 14:00:00 +0200
Message-ID: <b2@nyby.dk>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<p>Hvorn&aring;r er <b>webinaret</b>?</p><script>alert(1)</script>
"""


def plain(message_id="<a1@egeby.dk>"):
    return PLAIN.replace(b"<a1@egeby.dk>", message_id.encode())
