"""contacts 0013 adds "one business party per KvK number". Parties the old code made twice
(two first logins at once) make it stop with the KvK numbers to merge, not a bare
IntegrityError halfway through a deploy."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("contacts", "0012_channel_norms_queue_indexes")]
AFTER = [("contacts", "0013_business_party_branches")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_duplicate_business_parties_stop_the_migration_with_their_kvk_numbers():
    old = _migrate(BEFORE)
    try:
        Resident = old.get_model("contacts", "Resident")
        for kvk in ("68750110", "68750110", "69599084", "69599084", "12345678"):
            Resident.objects.create(kind="business", kvk_number=kvk, name="Dubbel")
        Resident.objects.create(kind="business", kvk_number="", name="Zonder nummer")
        Resident.objects.create(kind="business", kvk_number="", name="Ook zonder nummer")

        with pytest.raises(RuntimeError) as stopped:
            _migrate(AFTER)

        assert "68750110, 69599084" in str(stopped.value)
        assert "12345678" not in str(stopped.value)
        # Nothing merged or deleted: the functional administrator decides.
        assert Resident.objects.filter(kvk_number="68750110").count() == 2

        Resident.objects.filter(name="Dubbel", kvk_number__in=["68750110", "69599084"]).filter(
            pk__in=[
                Resident.objects.filter(kvk_number=kvk).order_by("pk").last().pk
                for kvk in ("68750110", "69599084")
            ]
        ).delete()
        _migrate(AFTER)  # merged by hand: now it runs
    finally:
        Resident = old.get_model("contacts", "Resident")
        Resident.objects.all().delete()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
