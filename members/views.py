from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from benefits.models import Benefit
from core.history import client_ip
from members import throttle
from members.decorators import associate_required
from members.forms import BeneficiaryRequestForm, LoginForm, RegistrationForm
from members.models import User
from members.services import BeneficiaryError, beneficiary_request_add, registration_request


def _is_this_cooperatives_associate(request) -> bool:
    user = request.user
    return (
        user.is_authenticated
        and user.is_associate
        and user.associate.cooperative_id == request.cooperative.pk
    )


def _dashboard(request):
    return redirect("dashboard", coop=request.cooperative.slug)


@never_cache
def cooperative_home(request):
    """The cooperative's front page: "Iniciar sesión", as its associates know it."""
    if _is_this_cooperatives_associate(request):
        return _dashboard(request)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _login_attempt(request, form)
        if user is not None:
            login(request, user, backend="members.backends.AssociateBackend")
            target = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                return redirect(target)
            return _dashboard(request)
    benefits = Benefit.objects.for_cooperative(request.cooperative).active()
    other_account = request.user.is_authenticated and not _is_this_cooperatives_associate(request)
    return render(
        request,
        "members/login.html",
        {
            "form": form,
            "benefits": benefits,
            "next": request.GET.get("next", ""),
            "other_account": other_account,
        },
    )


def _login_attempt(request, form):
    document_number = form.cleaned_data["document_number"]
    account = User.associate_username(request.cooperative, document_number)
    ip = client_ip(request)
    if throttle.is_throttled(ip=ip, account=account):
        form.add_error(
            None, "Hubo demasiados intentos fallidos. Espera unos minutos e intenta de nuevo."
        )
        return None
    user = authenticate(
        request,
        cooperative=request.cooperative,
        document_number=document_number,
        password=form.cleaned_data["password"],
    )
    if user is None:
        throttle.record_failure(ip=ip, account=account)
        form.add_error(None, "El documento o la contraseña no son correctos.")
        return None
    throttle.reset_account(account=account)
    return user


def lockout(request, credentials=None, *args, **kwargs):
    """django-axes: too many failures for this account from this address."""
    return render(request, "members/locked_out.html", status=429)


@never_cache
def register(request, *, forgot: bool = False):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration_request(
            cooperative=request.cooperative,
            document_number=form.cleaned_data["document_number"],
            email=form.cleaned_data["email"],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        return redirect("register_done", coop=request.cooperative.slug)
    return render(request, "members/register.html", {"form": form, "forgot": forgot})


def register_done(request):
    return render(request, "members/register_done.html")


@never_cache
def set_password(request, uidb64: str, token: str):
    user = _user_from_link(request, uidb64)
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "members/link_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()  # a new password hash: this link, and every session of this account, stop working
        # Whoever proved they own the mailbox gets in again at once: lift axes's
        # lockout and the account counter, under the name the login counts them.
        account = User.associate_username(request.cooperative, user.associate.document_number)
        axes_reset(username=account)
        throttle.reset_account(account=account)
        messages.success(request, "Tu contraseña quedó lista. Ya puedes iniciar sesión.")
        return redirect("cooperative_home", coop=request.cooperative.slug)
    return render(request, "members/set_password.html", {"form": form, "associate": user.associate})


def _user_from_link(request, uidb64: str) -> User | None:
    try:
        public_id = force_str(urlsafe_base64_decode(uidb64))
        return User.objects.select_related("associate").get(
            public_id=public_id, associate__cooperative=request.cooperative
        )
    except (ValueError, TypeError, OverflowError, ValidationError, User.DoesNotExist):
        return None  # a damaged link (not a UUID, say) is just a link that no longer works


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, "Cerraste tu sesión.")
    return redirect("cooperative_home", coop=request.cooperative.slug)


@never_cache
@associate_required
def change_password(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # this session stays; every other one ends
        messages.success(
            request, "Cambiaste tu contraseña. Cerramos tu sesión en los demás dispositivos."
        )
        return _dashboard(request)
    return render(request, "members/change_password.html", {"form": form})


@never_cache
@associate_required
def beneficiaries(request):
    associate = request.associate
    form = BeneficiaryRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "support_file"}
        try:
            beneficiary_request_add(
                associate=associate,
                data=data,
                support_file=form.cleaned_data["support_file"],
                today=timezone.localdate(),
            )
        except BeneficiaryError as error:
            form.add_error("support_file", str(error))
        else:
            messages.success(
                request, "Recibimos tu solicitud: la cooperativa revisará el soporte y te avisará."
            )
            return redirect("beneficiaries", coop=request.cooperative.slug)
    people = associate.beneficiaries.order_by("status", "relationship", "first_names")
    return render(request, "members/beneficiaries.html", {"beneficiaries": people, "form": form})
