"""Letter counters move into core's shared sequences (one numbering service for letters, registers,
requests and objections): every counter's last number is carried over, then the old table goes."""

from django.db import migrations


def carry_over(apps, schema_editor):
    NumberCounter = apps.get_model("documents", "NumberCounter")
    Sequence = apps.get_model("core", "Sequence")
    for row in NumberCounter.objects.all().iterator():
        Sequence.objects.update_or_create(
            body_id=row.body_id,
            series=f"naskah:{row.series}",
            scope=f"{row.scope}|{row.unit_code}"[:300],
            year=row.year,
            defaults={"last": row.last},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0008_stored_file_case_label"),
        ("core", "0002_clocks_sequences_scheduler_body_roles"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="NumberCounter"),
    ]
