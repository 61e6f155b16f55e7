from django.db import models


def upsert(model: type[models.Model], *, lookup: dict, values: dict) -> tuple[models.Model, str]:
    """Creates or updates one row, saving only when something changed.

    Returns the row and "created", "updated" or "unchanged" — so re-running a
    seed or an import writes neither rows nor audit history for nothing.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**{**lookup, **values}), "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, "unchanged"
    for name in changed:
        setattr(obj, name, values[name])
    obj.save(update_fields=changed)
    return obj, "updated"
