from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """
    One row, whose counter the database raises on every committed write to what public
    pages show (triggers made by pagecache/version.py), so that every process sees a
    change, whichever process, command or raw statement made it.
    """

    counter = models.BigIntegerField(_("counter"), default=0)
    # PostgreSQL only: the transaction that last raised the counter, so that a
    # transaction writing many rows raises it once.
    transaction_id = models.BigIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self) -> str:
        return str(self.counter)
