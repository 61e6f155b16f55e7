import pytest

from cooperatives.models import Cooperative


@pytest.mark.django_db
def test_the_database_is_postgresql(django_db_blocker):
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert Cooperative.objects.count() == 0
