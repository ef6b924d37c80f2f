import re

from django.db import migrations, models

CODE = re.compile(r"\b\d{6}\b")


def mask_codes_in_clear(apps, schema_editor):
    """Texts queued or failed before codes were sealed still hold a code in clear; those codes
    expired minutes after they were made, so they are masked rather than sealed."""
    OutgoingSms = apps.get_model("core", "OutgoingSms")
    for message in OutgoingSms.objects.filter(sensitive=True).exclude(status="sent").iterator():
        masked = CODE.sub("******", message.body)
        if masked != message.body:
            OutgoingSms.objects.filter(pk=message.pk).update(body=masked)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_pakn_fold"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingsms",
            name="sealed_secret",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(mask_codes_in_clear, migrations.RunPython.noop),
    ]
