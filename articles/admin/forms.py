"""The brief's change form: the rich-text editor, optimistic locking and workflow rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.editorial import workflow
from articles.editorial.workflow import Transition
from articles.models import Article

# The rich-text editor offers exactly the structures articles/sanitize.py keeps
# (tests/articles/test_admin.py holds the two lists together); images and
# captions come from the hero image field, not the body.
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}

PUBLISHING = {Transition.PUBLISH, Transition.SCHEDULE}


def display_name(user) -> str:
    if user is None:
        return gettext("someone")
    return user.get_full_name() or user.get_username()


def local_datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class AuthorshipInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if getattr(self.instance, "_workflow_transition", None) not in PUBLISHING:
            return
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("author")
            and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(str(workflow.NO_AUTHOR))


class ArticleAdminForm(forms.ModelForm):
    """The brief's change form: optimistic locking and workflow rules on save."""

    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    # Set per request by ArticleAdmin.get_form().
    current_user = None

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - ArticleAdmin.fieldsets choose the fields
        widgets = {
            "body": AdminProseEditorWidget(
                config={"extensions": EDITOR_EXTENSIONS}, preset="configurable"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = None
        if "language" in self.fields:
            # A form posted without it (older scripts, other screens) keeps the brief's own.
            self.fields["language"].required = False
        if self.instance.pk is not None:
            self.fields["lock_version"].initial = self.instance.version
        status = self.fields.get("status")
        user = self.current_user
        if status is not None and user is not None and not workflow.is_editor(user):
            # Only editors publish and archive: writers are not offered what they cannot
            # do. The field still knows every status, so a forged choice gets the
            # workflow's own explanation.
            allowed = {Article.Status.DRAFT, Article.Status.REVIEW, self.instance.status}
            status.widget.choices = [choice for choice in status.choices if choice[0] in allowed]

    def clean(self):
        cleaned = super().clean()
        self._check_version()
        self._check_transition(cleaned)
        self._check_language(cleaned)
        return cleaned

    def _check_language(self, cleaned):
        """One version per language of a brief (the constraint's message, not a 500)."""
        language = cleaned.get("language")
        if not language or self.instance.pk is None:
            return
        taken = (
            Article.objects.filter(translation_key=self.instance.translation_key, language=language)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            self.add_error("language", _("This brief already has a version in that language."))

    def _check_version(self):
        """Refuse to overwrite a save made after this form was opened."""
        if self.instance.pk is None:
            return
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by")
            .first()
        )
        if current is None:
            return
        submitted = self.cleaned_data.get("lock_version")
        if submitted == current["version"]:
            return
        from django.contrib.auth import get_user_model

        who = get_user_model().objects.filter(pk=current["updated_by"]).first()
        # Saving again on purpose replaces their version with this one.
        self.data = self.data.copy()
        self.data[self.add_prefix("lock_version")] = current["version"]
        raise ValidationError(
            gettext(
                "Not saved: %(who)s saved this brief at %(when)s, after you opened it. "
                "Your input is kept below. Compare with their version (open the brief in "
                "another tab), then save again to replace it with yours."
            )
            % {"who": display_name(who), "when": local_datetime(current["updated_at"])},
            code="stale",
        )

    def _check_transition(self, cleaned):
        if "status" not in cleaned:
            return
        published_at = cleaned.get("published_at", self.instance.published_at)
        try:
            transition = workflow.transition_for_change(
                self.instance, cleaned["status"], published_at
            )
            if transition is not None:
                if self.instance.pk is None:
                    # A new brief starts as a draft; its first state is a transition.
                    self.instance.status = Article.Status.DRAFT
                workflow.check(self.current_user, self.instance, transition, at=published_at)
        except workflow.WorkflowError as error:
            self.add_error("status", error.messages)
            return
        self.transition = transition
        self.instance._workflow_transition = transition

    def _post_clean(self):
        super()._post_clean()
        if self.transition in PUBLISHING:
            for problem in workflow.field_problems(self.instance):
                self.add_error(None, problem)


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={
            "required": _("Choose the date and time to publish the brief."),
            "invalid": _("Enter the publish time as a date and a time."),
        },
    )
