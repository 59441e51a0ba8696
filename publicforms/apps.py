from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicFormsConfig(AppConfig):
    name = "publicforms"
    verbose_name = _("Public forms")

    def ready(self):
        from pagecache import holes
        from publicforms import forms

        # The signed time a form was shown, for its minimum fill time: fresh for
        # every reader of a cached page.
        holes.register("form_started", lambda request: forms.make_started_stamp())
