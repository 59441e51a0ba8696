"""A real SMTP server (aiosmtpd) on this machine that keeps every message it accepts."""

import asyncio
import email
import threading

from aiosmtpd.controller import Controller

# Ports this project's tests may listen on.
SINK_PORTS = range(8610, 8640)


class _Handler:
    def __init__(self, delay: float):
        self.lock = threading.Lock()
        self.delay = delay
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)  # a slower server, to stop a sender halfway
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


class SmtpSink:
    def __init__(self, delay: float = 0.0):
        self.handler = _Handler(delay)
        self.controller = None
        for port in SINK_PORTS:
            controller = Controller(self.handler, hostname="127.0.0.1", port=port)
            try:
                controller.start()
            except (OSError, RuntimeError):
                continue
            self.controller = controller
            self.port = port
            break
        else:
            raise RuntimeError("no free port for the SMTP sink")

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list:
        with self.handler.lock:
            return list(self.handler.messages)

    def stop(self):
        self.controller.stop()
