import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from articles.editorial.roles import sync_roles_after_migrate

pytestmark = pytest.mark.django_db


def test_administrators_manage_subscribers():
    admins = Group.objects.get(name="Administrators")
    codenames = set(admins.permissions.values_list("codename", flat=True))
    assert {"view_subscriber", "change_subscriber", "view_contactmessage"} <= codenames
    writers = Group.objects.get(name="Writers")
    # Writers draft campaigns; they never see subscribers or contact messages.
    newsletter = set(
        writers.permissions.filter(content_type__app_label="newsletter").values_list(
            "codename", flat=True
        )
    )
    assert newsletter == {"add_campaign", "change_campaign", "view_campaign"}


def test_permissions_of_a_model_migrated_later_are_granted_after_its_migrate():
    """A newsletter model added later still reaches Administrators after its migrate."""
    content_type = ContentType.objects.create(app_label="newsletter", model="later")
    permission = Permission.objects.create(
        codename="change_later", name="Can change later", content_type=content_type
    )
    admins = Group.objects.get(name="Administrators")
    assert permission not in admins.permissions.all()
    sync_roles_after_migrate(sender=apps.get_app_config("newsletter"), apps=apps)
    assert permission in admins.permissions.all()
    assert permission not in Group.objects.get(name="Writers").permissions.all()


def test_syncing_roles_keeps_permissions_granted_by_hand():
    writers = Group.objects.get(name="Writers")
    extra = Permission.objects.get(codename="delete_article")
    writers.permissions.add(extra)
    sync_roles_after_migrate(sender=apps.get_app_config("articles"), apps=apps)
    assert extra in writers.permissions.all()


def test_demostaff_creates_a_writer_and_an_editor_in_their_groups(settings, capsys):
    settings.DEBUG = True
    call_command("demostaff")
    call_command("demostaff")
    output = capsys.readouterr().out
    assert "user 'writer'" in output
    assert "user 'editor'" in output
    assert "user 'admin'" in output
    assert Group.objects.get(name="Writers").user_set.get().username == "writer"
    assert Group.objects.get(name="Editors").user_set.get().username == "editor"


def test_demostaff_prints_the_address_the_site_is_served_on(settings, capsys):
    settings.DEBUG = True
    call_command("demostaff", "--site-url", "http://127.0.0.1:8765/")
    assert "http://127.0.0.1:8765/admin/  user 'editor'" in capsys.readouterr().out
