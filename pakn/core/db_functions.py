"""``Folded``: a column compared without Vietnamese marks, in the database.

Officers' lists search unpublished reports too, which the public full-text index does not
hold; they filter with ``Folded("title").contains(text_fold(word))``. SQLite gets the Python
``text_fold`` as a deterministic SQL function on each new connection; PostgreSQL gets an
equivalent SQL function from migration core 0005 (unaccent, with "đ" folded first since
unaccent leaves it whole in some dictionaries)."""

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

from pakn.core.text import text_fold

SQL_FUNCTION = "pakn_fold"


class Folded(Func):
    function = SQL_FUNCTION
    arity = 1
    output_field = CharField()


def _register_on_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, 1, text_fold, deterministic=True)


def folded_function_register() -> None:
    connection_created.connect(_register_on_sqlite, dispatch_uid="pakn-fold-sqlite")
