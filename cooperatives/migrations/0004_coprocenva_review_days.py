"""COPROCENVA Art. 15: an answer within 2 months of filing; 40 business days passed that on a quarter of the days."""

from django.db import migrations


def within_two_months(apps, schema_editor):
    cooperative = apps.get_model("cooperatives", "Cooperative")
    # Only the value read before: a figure the cooperative set itself stays.
    cooperative.objects.filter(slug="coprocenva", review_business_days=40).update(
        review_business_days=37
    )


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0003_roster_read_on")]

    operations = [migrations.RunPython(within_two_months, migrations.RunPython.noop)]
