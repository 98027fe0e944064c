from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications.models import PushSubscription

from .forms import AccountForm, SignUpForm
from .mail import send_confirmation
from .models import Profile, profile_of
from .tokens import LinkBroken, LinkExpired, read_confirmation_token, read_unsubscribe_token

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
            send_confirmation(user, request)
            messages.info(request, f"We have sent a link to {user.email} to confirm it.")
        return redirect("journal:today")
    status = 400 if form.is_bound else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = profile_of(user)
    posted = request.method == "POST"
    form = AccountForm(request.POST if posted else None, instance=profile)
    if posted and form.is_valid():
        email = form.cleaned_data["email"]
        with transaction.atomic():
            form.save()
            if email != user.email:
                user.email = email
                user.save(update_fields=["email"])
        messages.success(request, "Your account settings are saved.")
        if email and email != profile.confirmed_email and "email" in form.changed_data:
            send_confirmation(user, request)
            messages.info(request, f"We have sent a link to {email} to confirm it.")
        return redirect("accounts:settings")
    devices = PushSubscription.objects.filter(user=user).count()
    context = {"form": form, "profile": profile, "devices": devices}
    return render(request, "accounts/settings.html", context, status=400 if posted else 200)


@login_required
@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.email and not profile_of(user).email_confirmed:
        send_confirmation(user, request)
        messages.info(request, f"We have sent a new link to {user.email}.")
    return redirect("accounts:settings")


@require_GET
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    # No login needed: the signed link proves the person reads that mailbox.
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
    user = get_user_model()._default_manager.filter(pk=user_pk).first()
    if user is None or not address or user.email != address:
        return _link_problem(
            request,
            "This link is for an address that is no longer on the account, so nothing was "
            "changed. Check the address on your account page.",
        )
    profile_of(user).confirm_email(address)
    return render(request, "accounts/link_done.html", {"address": address})


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
