"""The default email backend: each message becomes an .eml file in var/outbox/.

A newcomer opens the file in any mail client; the console gets one line per
message. Configure EMAIL_URL to send through a real server.
"""

import logging
import re
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

logger = logging.getLogger(__name__)


class OutboxFileBackend(BaseEmailBackend):
    def __init__(self, *, directory, **kwargs):
        super().__init__(**kwargs)
        self.directory = Path(directory)

    def send_messages(self, email_messages):
        outbox = self.directory
        outbox.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
            recipient = re.sub(r"[^A-Za-z0-9@._-]", "_", (message.to or ["sin-destinatario"])[0])
            path = outbox / f"{stamp}-{recipient}.eml"
            path.write_bytes(message.message().as_bytes())
            logger.info("Correo para %s: %s (%s)", ", ".join(message.to), message.subject, path)
            sent += 1
        return sent
