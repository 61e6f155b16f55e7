"""Context added at send time for emails that carry secrets.

The password link's token is made when the email is rendered, never stored on
the Notification row (staff can read those rows).
"""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from members.models import User


def password_link_context(context: dict) -> dict:
    user = User.objects.select_related("associate__cooperative").get(
        public_id=context["user_public_id"]
    )
    path = reverse(
        "set_password",
        kwargs={
            "coop": user.associate.cooperative.slug,
            "uidb64": urlsafe_base64_encode(force_bytes(user.public_id)),
            "token": default_token_generator.make_token(user),
        },
    )
    return {**context, "path": path}
