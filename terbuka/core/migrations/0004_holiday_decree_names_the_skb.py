"""Synced holidays name their decree ("SKB 3 Menteri"), not the Python package they were read from."""

from django.db import migrations

OLD = "SKB 3 Menteri (paket holidays)"
NEW = "SKB 3 Menteri"


def forwards(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    Holiday.objects.filter(decree=OLD).update(decree=NEW)


def backwards(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    Holiday.objects.filter(decree=NEW, source="package").update(decree=OLD)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_position_role_any_role_of_the_body")]

    operations = [migrations.RunPython(forwards, backwards)]
