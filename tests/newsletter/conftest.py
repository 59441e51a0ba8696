import pytest


@pytest.fixture
def staff_user(django_user_model):
    """A superuser without a password (tests log in with force_login): no slow hashing."""
    return django_user_model.objects.create_user(
        username="staff", password=None, is_staff=True, is_superuser=True
    )
