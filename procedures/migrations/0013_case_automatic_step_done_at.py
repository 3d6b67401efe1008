from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def mark_steps_already_run(apps, schema_editor):
    """Before the marker, a system event of a submitted case meant its automatic step ran:
    those cases must not be handed to the sweep (a second proposal)."""
    Case = apps.get_model("procedures", "Case")
    CaseEvent = apps.get_model("procedures", "CaseEvent")
    first_system_event = (CaseEvent.objects.filter(case=OuterRef("pk"), actor_role="system",
                                                   from_status="submitted")
                          .order_by("created_at").values("created_at")[:1])
    (Case.objects.filter(status="submitted")
     .annotate(ran_at=Subquery(first_system_event)).filter(ran_at__isnull=False)
     .update(automatic_step_done_at=Subquery(first_system_event)))


class Migration(migrations.Migration):

    dependencies = [
        ('procedures', '0012_procedure_silence_settings'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='automatic_step_done_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='automatic step run on'),
        ),
        migrations.RunPython(mark_steps_already_run, migrations.RunPython.noop),
    ]
