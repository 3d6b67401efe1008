"""Cases whose automatic step ran before the marker existed are marked (procedures 0013): the
sweep must not run their step a second time."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

BEFORE, AFTER = "0012_procedure_silence_settings", "0013_case_automatic_step_done_at"


def at(name):
    """Procedures at `name`, the other apps at their latest."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [("procedures", name), *(node for node in leaves if node[0] != "procedures")]


def test_a_step_recorded_in_the_history_is_marked_as_run(migrate_to):
    apps = migrate_to(at(BEFORE))
    User, Service = apps.get_model("accounts", "User"), apps.get_model("accounts", "Service")
    Case, CaseEvent = apps.get_model("procedures", "Case"), apps.get_model("procedures",
                                                                          "CaseEvent")
    applicant = User.objects.create(email="marie@example.org")
    service = Service.objects.create(code="mairie", name="Mairie", kind="civil_status")

    def submitted(reference):
        case = Case.objects.create(
            reference=reference, procedure="demo-outcomes", applicant=applicant, service=service,
            status="submitted", status_kind="open", submitted_at=timezone.now(), version=2)
        CaseEvent.objects.create(case=case, kind="submit", actor=applicant, actor_role="citizen",
                                 from_status="draft", to_status="submitted", case_version=2)
        return case

    proposed, lost = submitted("DM-2026-000001"), submitted("DM-2026-000002")
    proposal = CaseEvent.objects.create(case=proposed, kind="proposed", actor_role="system",
                                        from_status="submitted", to_status="submitted",
                                        case_version=2)

    Case = migrate_to(at(AFTER)).get_model("procedures", "Case")
    assert Case.objects.get(pk=proposed.pk).automatic_step_done_at == proposal.created_at
    assert Case.objects.get(pk=lost.pk).automatic_step_done_at is None
