"""
Django's SMTP email backend, with one change that makes campaign delivery
exactly-once when a worker is killed: the delivery is recorded as sent after the
whole message has reached the mail server but before the final "." that asks
the server to accept it. A worker killed before the record leaves the server
with an unfinished message, which it discards (RFC 5321, 4.1.1.4), and the
delivery still waiting, so it is sent again; killed after it, the server gets
the "." within microseconds. Without a `commit_point` on the message it is
Django's backend exactly. `EMAIL_URL=smtp://…` selects it (stateup/settings.py).
"""

import smtplib
import socket

from django.core.mail.backends import smtp

CRLF = b"\r\n"


class _CommitPointMixin:
    commit_point = None

    def connect(self, *args, **kwargs):
        reply = super().connect(*args, **kwargs)
        # The final "." goes in a write of its own: without this, Nagle's algorithm
        # holds it until the server acknowledges the body (tens of milliseconds).
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return reply

    def data(self, msg):
        if self.commit_point is None:
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        quoted = smtplib._quote_periods(msg)
        if quoted[-2:] != CRLF:
            quoted += CRLF
        self.send(quoted)
        self.commit_point()
        self.send(b"." + CRLF)
        return self.getreply()


class _SMTP(_CommitPointMixin, smtplib.SMTP):
    pass


class _SMTPSSL(_CommitPointMixin, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return _SMTPSSL if self.use_ssl else _SMTP

    def send_prepared(self, from_email: str, to: str, message: bytes, *, commit_point) -> None:
        """
        Send a message already made into bytes (newsletter.emails.PreparedCampaign) to
        one address on the open connection, calling `commit_point` before the final ".".
        Raises on any refusal, as Django's backend does with fail_silently=False.
        """
        self.connection.commit_point = commit_point
        try:
            self.connection.sendmail(from_email, [to], message)
        finally:
            self.connection.commit_point = None

    def _send(self, email_message):
        if self.connection is None:
            return super()._send(email_message)
        self.connection.commit_point = getattr(email_message, "commit_point", None)
        try:
            return super()._send(email_message)
        finally:
            self.connection.commit_point = None
