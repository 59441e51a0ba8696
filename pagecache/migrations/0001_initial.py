from django.db import migrations, models


def create_the_row(apps, schema_editor):
    ContentVersion = apps.get_model("pagecache", "ContentVersion")
    ContentVersion.objects.using(schema_editor.connection.alias).get_or_create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("counter", models.BigIntegerField(default=0, verbose_name="counter")),
                ("transaction_id", models.BigIntegerField(editable=False, null=True)),
            ],
            options={"verbose_name": "content version", "verbose_name_plural": "content version"},
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
