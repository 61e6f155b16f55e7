from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Núcleo"

    def ready(self):
        from core import (
            history,  # noqa: F401  (connects the audit receiver)
            reference_cache,
        )

        for label in reference_cache.MODELS:
            model = apps.get_model(label)
            post_save.connect(reference_cache.forget, sender=model, weak=False)
            post_delete.connect(reference_cache.forget, sender=model, weak=False)
