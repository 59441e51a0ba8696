import pytest


@pytest.fixture(autouse=True)
def _tasks_inline(settings):
    """Tasks run at once, in the test's own process (the DB worker is tested on its own)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STATEUP_FORM_MIN_SECONDS = 0
