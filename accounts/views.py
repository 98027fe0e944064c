from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView, PasswordResetView
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from notifications.models import PushSubscription

from .forms import AccountForm, ConfirmedAddressPasswordResetForm, SignUpForm
from .limits import MAIL_LIMIT_MESSAGE, WINDOW, claim_mail
from .mail import confirmation_message, deliver, send_change_notice, send_confirmation
from .models import Profile, profile_of
from .recovery import undo_change
from .tokens import (
    LinkBroken,
    LinkExpired,
    read_confirmation_token,
    read_email_undo_token,
    read_unsubscribe_token,
)

# After log-out nothing personal may stay readable on the phone: the browser empties its
# HTTP cache, the service worker's caches, localStorage (the drafts) and IndexedDB.
CLEAR_SITE_DATA = '"cache", "storage"'


def clear_site_data(response: HttpResponse) -> HttpResponse:
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@require_POST
def log_out(request: HttpRequest) -> HttpResponse:
    return clear_site_data(LogoutView.as_view()(request))


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("journal:today")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            Profile.objects.filter(user=user).update(time_zone=form.cleaned_data["time_zone"])
        login(request, user, backend="accounts.backends.ProfileBackend")
        messages.success(request, "Welcome! Rate today's pain to start your journal.")
        if user.email:
            _tell_about_link(request, user.email, send_confirmation(user, user.email, request))
        return redirect("journal:today")
    status = 400 if form.is_bound else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


def _tell_about_link(request: HttpRequest, address: str, sent: bool) -> None:
    if sent:
        messages.info(request, f"We have sent a link to {address} to confirm it.")
    else:
        messages.warning(
            request,
            f"We could not send the link to {address} to confirm it now. {MAIL_LIMIT_MESSAGE} "
            "You can send it from your account page.",
        )


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = profile_of(user)
    posted = request.method == "POST"
    form = AccountForm(request.POST if posted else None, instance=profile, request=request)
    status = 400 if posted else 200
    if posted and form.is_valid():
        new = form.new_email()
        moves = form.changes_where_mail_goes()
        if moves and not claim_mail(request, to=new or None, user=user):
            form.add_error("email", MAIL_LIMIT_MESSAGE)
            status = 429
        else:
            old = user.email if profile.email_confirmed else ""
            with transaction.atomic():
                form.save()
                if new is not None:
                    profile.change_email(new, timezone.now())
            messages.success(request, "Your account settings are saved.")
            if moves:
                _mail_about_new_address(request, user, old, new or "")
            return redirect("accounts:settings")
    devices = PushSubscription.objects.filter(user=user).count()
    context = {"form": form, "profile": profile, "devices": devices}
    return render(request, "accounts/settings.html", context, status=status)


def _mail_about_new_address(request: HttpRequest, user: object, old: str, new: str) -> None:
    """The link to the new address (its room was claimed with the change) and, when the old
    address was confirmed, the notice with its undo link, which no limit holds back."""
    if new:
        subject, text = confirmation_message(user, new, request)
        deliver(kind="confirmation", to=new, subject=subject, text=text, user=user)
        messages.info(request, f"We have sent a link to {new} to confirm it.")
    if old:
        send_change_notice(user, old, new, request)
        if new:
            messages.info(
                request,
                f"Until you open that link, password resets and reminders still go to {old}; "
                "we have told it about the change.",
            )


@login_required
@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = profile_of(user)
    address = profile.pending_email or (user.email if not profile.email_confirmed else "")
    if address:
        _tell_about_link(request, address, send_confirmation(user, address, request))
    return redirect("accounts:settings")


@login_required
@require_POST
def cancel_email_change(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    if profile.pending_email:
        messages.info(
            request,
            f"The change to {profile.pending_email} is cancelled; {request.user.email} stays.",
        )
        profile.change_email(request.user.email, timezone.now())
    return redirect("accounts:settings")


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    # No login needed: the signed link proves the person reads that mailbox. A GET only
    # asks, because mail scanners open every link in a message.
    try:
        user_pk, address = read_confirmation_token(token)
    except LinkExpired:
        return _link_problem(
            request,
            "This confirmation link has expired: links work for "
            f"{settings.EMAIL_CONFIRMATION_MAX_AGE.days} days. Log in and send a new one "
            "from your account page.",
        )
    except LinkBroken:
        return _link_problem(
            request,
            "This confirmation link is damaged or incomplete. Open it again from the email "
            "(the whole link), or send a new one from your account page.",
        )
    profile = Profile.objects.select_related("user").filter(user_id=user_pk).first()
    if profile is None or not address or address not in {profile.user.email, profile.pending_email}:
        return _link_problem(
            request,
            "This link is for an address that is no longer on the account, so nothing was "
            "changed. Check the address on your account page.",
        )
    if request.method == "GET":
        return render(request, "accounts/confirm_email.html", {"address": address})
    profile.confirm_email(address)
    return render(request, "accounts/link_done.html", {"address": address})


@require_http_methods(["GET", "POST"])
def undo_email_change(request: HttpRequest, token: str) -> HttpResponse:
    """From the notice sent to the old address: put it back and lock whoever changed it out."""
    try:
        change = read_email_undo_token(token)
    except LinkExpired:
        return _link_problem(
            request,
            f"This link has expired: it worked for {settings.EMAIL_UNDO_MAX_AGE.days} days. "
            "If someone else changed your address, reset your password from the log-in page "
            "if you still can, or contact the site's administrator.",
        )
    except LinkBroken:
        return _link_problem(
            request,
            "This link is damaged or incomplete. Open it again from the email (the whole link).",
        )
    user = get_user_model()._default_manager.filter(pk=change.user_pk).first()
    if user is None:
        return _link_problem(request, "This account no longer exists.")
    if request.method == "GET":
        return render(request, "accounts/undo_email_change.html", {"change": change})
    set_password_url = undo_change(user, change, timezone.now())
    return redirect(set_password_url)


def _link_problem(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "accounts/link_problem.html", {"message": message}, status=400)


@csrf_exempt  # RFC 8058 one-click: the mail program POSTs without a token or a session.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_pk, generation = read_unsubscribe_token(token)
    except LinkBroken:
        return _link_problem(
            request,
            "This link to stop the reminders is damaged or incomplete. Open it again from the "
            "email, or turn reminders off on your account page.",
        )
    current = Profile.objects.filter(user_id=user_pk).values_list(
        "unsubscribe_generation", flat=True
    )
    if current and current[0] != generation:
        return _link_problem(
            request,
            "This link is from an older reminder: reminders were turned on again since. Use "
            "the link in your latest reminder, or turn reminders off on your account page.",
        )
    # A GET only asks: mail scanners open every link in a message, and must not turn
    # reminders off on the person's behalf.
    stopped = request.method == "POST"
    if stopped:
        Profile.objects.filter(user_id=user_pk).update(reminders_enabled=False)
    return render(request, "accounts/unsubscribe.html", {"stopped": stopped, "token": token})


@login_required
@require_POST
def dismiss_email_prompt(request: HttpRequest) -> HttpResponse:
    Profile.objects.filter(user=request.user).update(email_prompt_dismissed=True)
    messages.info(request, "We won't ask again. You can add an address on your account page.")
    return redirect("journal:today")


class PasswordResetRequest(PasswordResetView):
    """Django's reset page, counted against the mail limits before anything is looked up:
    every address costs the same, and the answer never tells which ones have an account."""

    form_class = ConfirmedAddressPasswordResetForm

    def form_valid(self, form: ConfirmedAddressPasswordResetForm) -> HttpResponse:
        if not claim_mail(self.request, to=form.cleaned_data["email"]):
            form.add_error(None, MAIL_LIMIT_MESSAGE)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(int(WINDOW.total_seconds()))
            return response
        return super().form_valid(form)
