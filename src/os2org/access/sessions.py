"""The two reads every signed-in request makes: its session and its user.

Django's database sessions and ModelBackend read them through the ORM,
whose building of each query costs several times its running. A page
served from the cache (os2org.caching) does little else, so here both are
read with one plain statement each; everything else is Django's own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's database sessions (SESSION_ENGINE = "os2org.access.sessions")."""

    def _get_session_from_db(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        sql = (
            f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "
            f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            # As Django's own: an unknown or expired key is dropped, and a new one is made on save.
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])


class UserBackend(ModelBackend):
    """Django's ModelBackend, but for reading the signed-in user."""

    def get_user(self, user_id):
        model = get_user_model()
        quote = connections[router.db_for_read(model)].ops.quote_name
        table, column = quote(model._meta.db_table), quote(model._meta.pk.column)
        found = list(model._default_manager.raw(f"SELECT * FROM {table} WHERE {column} = %s", [user_id]))
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
