"""
The staff roles and their permissions, kept in one table.

The `editorial_groups` migration creates the groups; `sync_roles()` also runs
after every `migrate` (post_migrate), granting each group the permissions of
apps as they arrive. That is how Administrators get the newsletter app's
permissions even though its models may be migrated after ours, and it only
ever adds: permissions an administrator grants by hand are kept.

Writers: create briefs, edit their own and shared drafts, submit them for
review, share previews. Editors: everything writers can, plus review, publish,
schedule, unpublish, archive and delete briefs, and manage topics, tags and
authors. Events follow the same split: writers draft them, editors publish,
cancel and manage registrations. Writers draft newsletter campaigns; editors also
send and schedule them. Administrators: people (users, groups, login lockouts), subscribers
and the site's other settings; they can read briefs.
"""

WRITER_PERMISSIONS = {
    "articles": {
        "add_article", "change_article", "view_article",
        "add_authorship", "change_authorship", "delete_authorship", "view_authorship",
        "add_relatedlink", "change_relatedlink", "delete_relatedlink", "view_relatedlink",
        "view_category", "view_author",
        "add_previewlink", "view_previewlink",
        "view_historicalarticle",
    },
    "taggit": {"view_tag"},
    "events": {
        "add_event", "change_event", "view_event", "view_historicalevent",
        "add_eventspeaker", "change_eventspeaker", "delete_eventspeaker", "view_eventspeaker",
        "view_registration",
    },
    # Writers may draft campaigns and preview them; only editors send or schedule.
    "newsletter": {"add_campaign", "change_campaign", "view_campaign"},
}  # fmt: skip

EDITOR_PERMISSIONS = {
    "articles": WRITER_PERMISSIONS["articles"]
    | {
        "delete_article", "review_article", "publish_article",
        "add_category", "change_category", "delete_category",
        "add_author", "change_author", "delete_author",
        "change_previewlink", "delete_previewlink",
        "view_slugredirect", "delete_slugredirect",
    },
    "taggit": {"*"},
    "events": {"*"},
    "newsletter": {
        "add_campaign", "change_campaign", "view_campaign", "delete_campaign",
        "send_campaign", "view_delivery",
    },
}  # fmt: skip

# "*": every permission of the app, including models added later.
ADMINISTRATOR_PERMISSIONS = {
    "auth": {"*"},
    "newsletter": {"*"},
    "axes": {"*"},
    "articles": {"view_article", "view_category", "view_author"},
    "events": {"view_event", "view_registration"},
}

ROLES = {
    "Writers": WRITER_PERMISSIONS,
    "Editors": EDITOR_PERMISSIONS,
    "Administrators": ADMINISTRATOR_PERMISSIONS,
}


def sync_roles(apps=None, *, app_label: str | None = None) -> None:
    """Create the groups and add the permissions that exist so far (never removes any)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for label, codenames in grants.items():
            if app_label is not None and label != app_label:
                continue
            permissions = Permission.objects.filter(content_type__app_label=label)
            if "*" not in codenames:
                permissions = permissions.filter(codename__in=codenames)
            group.permissions.add(*permissions)


def sync_roles_after_migrate(sender, using="default", apps=None, **kwargs) -> None:
    """
    post_migrate receiver (also sent after `flush`, without `apps`): runs after
    django.contrib.auth has created the permissions of `sender`.
    """
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    try:
        apps.get_model("auth", "Group")
    except LookupError:
        return
    sync_roles(apps, app_label=sender.label)
