"""Middleware that must run before the rest of the stack."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Browsers send this app a session id, a CSRF token and at most a 2 KB messages cookie.
MAX_COOKIE_BYTES = 4096
# Django's own cookies never hold a backslash (signed values are URL-safe base64). Python
# 3.11.7's http.cookies unquotes backslash escapes in quadratic time (CVE-2024-7592):
# 4 KB of them costs ~80 ms per request, 64 cost nothing measurable.
MAX_COOKIE_BACKSLASHES = 64


def cookie_size_guard(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Refuse a Cookie header that is too big, or full of escapes, before it is parsed.

    Django parses cookies lazily (request.COOKIES); this looks only at the raw header, so
    it must come before any middleware that reads a cookie (sessions, CSRF).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        cookie = request.META.get("HTTP_COOKIE", "")
        if len(cookie) > MAX_COOKIE_BYTES:
            return _refuse(
                431,
                f"The Cookie header is {len(cookie)} bytes; this site accepts at most "
                f"{MAX_COOKIE_BYTES}. Clear this site's cookies and try again.",
            )
        if cookie.count("\\") > MAX_COOKIE_BACKSLASHES:
            return _refuse(
                400,
                "The Cookie header holds escapes this site never sets. Clear this site's "
                "cookies and try again.",
            )
        return get_response(request)

    return middleware


def _refuse(status: int, message: str) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    # The security middleware has not run, so set what it would for a plain-text answer.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


# Paths whose pages are about one person even before login (forms with tokens, reset links).
PRIVATE_PREFIXES = ("/journal/", "/accounts/", "/admin/")


def private_pages_no_store(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """``Cache-Control: private, no-store`` on every page with personal data.

    Without it a shared computer's back button showed the journal after logging out. A
    view that says how it may be cached (a chart's ETag revalidation) keeps its own header.
    Goes after the authentication middleware, which sets request.user.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        personal = request.user.is_authenticated or request.path.startswith(PRIVATE_PREFIXES)
        if personal and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    return middleware
