"""One composer for every email: <name>.subject.txt, <name>.txt and <name>.html.

Templates live in notifications/templates/notifications/emails/. The context
is plain JSON (it was stored on the Notification row), plus the cooperative's
branding looked up at render time.
"""

import logging
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils.module_loading import import_string

from cooperatives.models import Cooperative

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "notifications/emails"

# Emails whose context is completed when they are rendered (secrets, fresh links).
CONTEXT_HOOKS = {
    "password_link": "members.emails.password_link_context",
}

# Emails that carry files rendered at send time from ids in their stored context
# (a PDF is not stored on the notification row). A hook takes the context and
# returns [(filename, content bytes, mimetype)]; the same ids give the same file
# on every attempt.
ATTACHMENT_HOOKS = {
    "request_approved": "benefits.backoffice.letters.decision_email_attachments",
    "request_rejected": "benefits.backoffice.letters.decision_email_attachments",
}


def render_email(
    *, template: str, context: dict, cooperative: Cooperative | None
) -> tuple[str, str, str]:
    if template in CONTEXT_HOOKS:
        context = import_string(CONTEXT_HOOKS[template])(context)
    full_context = {**context, "cooperative": cooperative, "site_url": settings.SITE_URL}
    subject = _render_plain(f"{TEMPLATE_DIR}/{template}.subject.txt", full_context)
    subject = " ".join(subject.split())  # one line, whatever the template's whitespace
    text = _render_plain(f"{TEMPLATE_DIR}/{template}.txt", full_context)
    html = render_to_string(f"{TEMPLATE_DIR}/{template}.html", full_context)
    return subject, text, html


def _render_plain(name: str, context: dict) -> str:
    """Plain text is not HTML: no escaping of '&' or quotes in names."""
    return get_template(name).template.render(Context(context, autoescape=False))


def build_message(notification) -> EmailMultiAlternatives:
    subject, text, html = render_email(
        template=notification.template,
        context=notification.context,
        cooperative=notification.cooperative,
    )
    sender = settings.DEFAULT_FROM_EMAIL
    if notification.cooperative:
        sender = cooperative_sender(notification.cooperative)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender,
        to=[notification.to],
        # The same Message-ID on every attempt: a resend after a lost reply is
        # recognisable as the same message by the receiving servers.
        headers={"Message-ID": f"<{notification.public_id}@auxilios>"},
    )
    message.attach_alternative(html, "text/html")
    attachments = render_attachments(template=notification.template, context=notification.context)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def cooperative_sender(cooperative: Cooperative) -> str:
    """The From of a cooperative's emails: its name, at the portal's address.

    Address() quotes the display name, so a name with '.', ',' or ';' ("Coop.
    San Simón, Ltda.") stays one valid address instead of one the SMTP backend
    refuses.
    """
    _, addr_spec = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return str(Address(display_name=f"{cooperative.name} — Auxilios", addr_spec=addr_spec))


def render_attachments(*, template: str, context: dict) -> list[tuple[str, bytes, str]]:
    """The files of an email.

    A database or I/O failure propagates, so the outbox tries again later; any
    other failure (a bug in a template) is logged and the email leaves without
    the file — it still tells the news, staff can download the file from the
    back office, and the outbox does not retry a broken template forever.
    """
    if template not in ATTACHMENT_HOOKS:
        return []
    try:
        return list(import_string(ATTACHMENT_HOOKS[template])(context))
    except (DatabaseError, OSError):
        raise
    except Exception:
        logger.exception("Attachments of a %s email could not be rendered", template)
        return []
