"""The Wegweiser's text index in the database (FTS5 trigram / pg_trgm): word parts, capital
umlauts, ranking, the index kept in step with the entries, and typed syntax that must never
break the query."""

import pytest
from django.db import connection
from django.urls import reverse

from quartier.directory import search_index
from quartier.directory.models import DirectoryEntry

SEARCH = reverse("directory:search")


def found(client, text):
    response = client.get(SEARCH, {"q": text, "quartier": ""})
    assert response.status_code == 200
    return [entry.name for entry in response.context["page_obj"].object_list]


def test_capital_umlauts_and_word_parts(client_for, helper, wegweiser):
    client = client_for(helper)
    assert "Mittagstisch im Hardenbergviertel" in found(client, "ÄLTERE")
    assert "Sprachcafé für Ältere" in found(client, "SPRACHCAFE")
    assert "Seniorentreff in der Samtweberei" in found(client, "Treff")  # end of a compound


def test_a_hit_in_the_name_ranks_before_one_in_the_description(db, quarters):
    described = DirectoryEntry.objects.create(
        name="Nachbarschaftshilfe", description="Hilfe beim Schreiben von Anträgen."
    )
    named = DirectoryEntry.objects.create(name="Schreibwerkstatt", description="Dienstags.")
    assert list(DirectoryEntry.objects.matching("Schreiben")) == [named, described]


def test_the_index_follows_renames_and_deletions(db, quarters):
    entry = DirectoryEntry.objects.create(
        name="Repair-Café", description="Reparieren statt wegwerfen"
    )
    DirectoryEntry.objects.filter(pk=entry.pk).update(name="Nähstube")
    assert list(DirectoryEntry.objects.matching("Repair")) == []
    assert list(DirectoryEntry.objects.matching("NÄHSTUBE")) == [entry]
    entry.delete()
    assert list(DirectoryEntry.objects.matching("Nähstube")) == []


def test_installing_the_index_indexes_existing_entries(db, quarters):
    """What the migration does for the entries that exist before it."""
    search_index.uninstall(connection)
    entry = DirectoryEntry.objects.create(name="Kleiderkammer", description="Kleidung für alle")
    if connection.vendor == "postgresql":  # no DDL while this test's foreign keys wait
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    search_index.install(connection)
    assert list(DirectoryEntry.objects.matching("Kleiderkammer")) == [entry]


SYNTAX = ['"', "*", "Senioren*", "NEAR(Senioren Treff)", "-Treff", "(", ")", "Treff OR",
          "NOT", "a:*", "& | !", "'", "\\", "%", "_", "%_%", "🙂", "x" * 100, "ab"]  # fmt: skip


@pytest.mark.parametrize("typed", SYNTAX)
def test_query_syntax_is_text_never_an_error(client_for, helper, wegweiser, typed):
    found(client_for(helper), typed)
