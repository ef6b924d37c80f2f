from django.core.management.base import BaseCommand

from pakn.reports.search import search_index_ensure, search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuilds the search index of published reports (SQLite: the FTS5 table and its "
        "triggers; PostgreSQL keeps its index by itself and needs nothing)."
    )

    def handle(self, *args, **options) -> None:
        search_index_ensure()  # puts back a missing table or trigger first
        count = search_index_rebuild()
        self.stdout.write(f"Search index holds {count} published reports.")
