"""What the production lane asks of every URL: the arguments it fills in, and the answers
it expects.

A URL with parameters needs an entry in SAMPLES (its URL name, or its route when it has no
name): a function from the World (the demo account's journal and its real ids) to a list of
Sample. Without one the lane fails and names the URL. A URL without parameters is fetched
as it is. EXPECT says what each URL answers to each audience; a URL missing there is held
to the general rule (`Expect()`): never a 5xx, a 200 of the content type its suffix says,
a visitor sent to the login page rather than shown a personal page. See docs/development.md.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessFailureLog
from django.apps import apps
from django.contrib.admin import site as admin_site
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from accounts.tokens import confirmation_token, email_undo_token, unsubscribe_token
from exercises.models import Drawing, Exercise
from exercises.uploads import check_upload
from footcare.hashers import OwaspArgon2PasswordHasher
from journal.models import (
    Entry,
    Experiment,
    Factor,
    Medicine,
    MedicineEvent,
    PegCheckIn,
    PendingImport,
    ReliefSession,
    monday_of,
)
from tests.factories import make_relief_session, make_share_link

PASSWORD = "production-lane-password-7c1e"
CHART_KINDS = ("trend", "practice", "adherence")
CHART_FORMATS = ("png", "svg", "pdf")


@dataclass
class World:
    """The demo account (`manage.py setup_demo`) with one of everything a URL can name, a
    second journal (charts are drawn for two people: each may have 12 drawn a minute), a
    third whose share link is drawn and exported (a link's drawing counts against its
    owner's budget), another person, and a member of staff. Every password is PASSWORD, hashed as
    production hashes it."""

    demo: object
    twin: object
    outsider: object
    staff: object
    entry: Entry
    experiment: Experiment
    share_token: str
    share_link_pk: int
    exercise: Exercise
    drawing: Drawing
    relief: ReliefSession
    day: datetime.date
    pending_import: str = ""
    sharer_token: str = ""
    people: dict[str, object] = field(default_factory=dict)


def make_world() -> World:
    with override_settings(DEBUG=True):  # setup_demo refuses to run in production
        call_command("setup_demo", stdout=io.StringIO())
    user_model = get_user_model()
    demo = user_model.objects.get(username="demo")
    demo.email = "demo@example.org"
    demo.save()
    demo.profile.confirm_email(demo.email)
    twin = user_model.objects.create(username="demo-twin")
    twin_days = [
        Entry(user=twin, day=e.day, back=e.back, hip=e.hip, knee=e.knee, note=e.note)
        for e in Entry.objects.for_user(demo)
    ]
    Entry.objects.bulk_create(twin_days)
    sharer = user_model.objects.create(username="demo-sharer")
    Entry.objects.bulk_create(
        Entry(user=sharer, day=e.day, back=e.back, hip=e.hip, knee=e.knee, note=e.note)
        for e in Entry.objects.for_user(demo)
    )
    outsider = user_model.objects.create(username="outsider", email="outsider@example.org")
    staff = user_model.objects.create(username="curator", is_staff=True, is_superuser=True)
    hasher = OwaspArgon2PasswordHasher()
    for person in (demo, twin, sharer, outsider, staff):
        person.password = hasher.encode(PASSWORD, hasher.salt())
        person.save(update_fields=["password"])

    # One object of every model the admin lists, so that each of its object pages is asked for.
    Group.objects.create(name="Curators")
    attempt = {
        "user_agent": "lane",
        "ip_address": "192.0.2.1",
        "username": "nobody",
        "http_accept": "*/*",
        "path_info": "/accounts/login/",
    }
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**attempt, locked_out=False)

    today = timezone.localdate()
    for weeks_ago in range(1, 4):
        PegCheckIn.objects.create(
            user=demo,
            week=monday_of(today) - datetime.timedelta(weeks=weeks_ago),
            pain=5,
            enjoyment=4,
            activity=3,
        )
    experiment = Experiment.objects.begin(
        demo, area="back", weeks=4, start=today - datetime.timedelta(days=7), today=today
    )
    shared_from = today - datetime.timedelta(days=60)
    link, token = make_share_link(demo, shared_from, today, include_notes=True, label="Dr Patel")
    _sharer_link, sharer_token = make_share_link(sharer, shared_from, today, label="Physio")
    entry = Entry.objects.for_user(demo).order_by("-day")[1]
    # A curator's upload, which the app serves from the database.
    picture = io.BytesIO()
    Image.new("RGB", (64, 40), "white").save(picture, "PNG")
    checked = check_upload("press.png", picture.getvalue())
    drawing = Drawing.objects.order_by("pk").first()
    drawing.replace_with(checked.content, checked.content_type)
    drawing.save()
    first_exercise = Exercise.objects.order_by("order").first()
    relief = make_relief_session(demo, area="back", routine=first_exercise.slug, seconds=300)
    return World(
        demo=demo,
        twin=twin,
        outsider=outsider,
        staff=staff,
        entry=entry,
        experiment=experiment,
        share_token=token,
        share_link_pk=link.pk,
        exercise=Exercise.objects.order_by("order").first(),
        drawing=drawing,
        relief=relief,
        day=entry.day,
        # An uploaded file waiting for its confirmation (the import's preview page).
        pending_import=PendingImport.objects.hold(
            demo, "journal.csv", b"date,back,hip,knee,exercises,note\n", timezone.now()
        ).key,
        sharer_token=sharer_token,
        people={person.username: person for person in (demo, twin, sharer, outsider, staff)},
    )


@dataclass(frozen=True)
class Sample:
    kwargs: dict[str, object]
    query: str = ""
    owner: str = "demo"  # whose the object is: that person's answer is the owner's


def one(**kwargs: object) -> list[Sample]:
    return [Sample(kwargs)]


def _charts(world: World) -> list[Sample]:
    variants = [
        (kind + phone, fmt)
        for kind in CHART_KINDS
        for phone in ("", "-phone")
        for fmt in CHART_FORMATS
    ]
    # Half the drawings each, so that neither reaches the drawing limit.
    return [
        Sample({"kind": kind, "fmt": fmt}, owner="demo" if "-phone" not in kind else "demo-twin")
        for kind, fmt in variants
    ]


def _first(world: World, model: type, **owner: object) -> list[Sample]:
    """The demo's first object of a model (the demo account has factors and a medicine)."""
    return one(pk=model.objects.filter(**owner).order_by("pk").values_list("pk", flat=True)[0])


def _password_reset(world: World) -> list[Sample]:
    # The token covers the last login, which logging in through the server just changed.
    demo = get_user_model().objects.get(pk=world.demo.pk)
    uid = urlsafe_base64_encode(force_bytes(demo.pk))
    return one(uidb64=uid, token=default_token_generator.make_token(demo))


SAMPLES: dict[str, Callable[[World], list[Sample]]] = {
    "exercises:detail": lambda w: one(slug=w.exercise.slug),
    "exercises:drawing": lambda w: one(
        pk=w.drawing.pk, upload_hash=w.drawing.upload_hash, extension="png"
    ),
    "journal:day": lambda w: one(day=w.day),
    "journal:relief_rest": lambda w: one(pk=w.relief.pk),
    "journal:relief_after": lambda w: one(pk=w.relief.pk),
    "journal:relief_later": lambda w: one(pk=w.relief.pk),
    "journal:entry": lambda w: one(pk=w.entry.pk),
    "journal:entry_delete": lambda w: one(pk=w.entry.pk),
    "journal:share_revoke": lambda w: one(pk=w.share_link_pk),
    "journal:report_chart": _charts,
    "journal:experiment": lambda w: one(pk=w.experiment.pk),
    "journal:experiment_stop": lambda w: one(pk=w.experiment.pk),
    "journal:factor_shown": lambda w: _first(w, Factor, user=w.demo),
    "journal:medicine": lambda w: _first(w, Medicine, user=w.demo),
    "journal:medicine_delete": lambda w: _first(w, Medicine, user=w.demo),
    "journal:medicine_event_delete": lambda w: _first(w, MedicineEvent, medicine__user=w.demo),
    "share:page": lambda w: one(token=w.share_token),
    "share:pdf": lambda w: one(token=w.share_token),
    # Drawn or exported on the owner's budget: the third person's, whom the charts spare.
    "share:fhir": lambda w: [Sample({"token": w.sharer_token}, owner="demo-sharer")],
    "share:trend": lambda w: [Sample({"token": w.sharer_token}, owner="demo-sharer")],
    "journal:share_end": lambda w: one(pk=w.share_link_pk),
    "yourdata:import_preview": lambda w: one(key=w.pending_import),
    "accounts:undo_email_change": lambda w: one(
        token=email_undo_token(w.demo, w.demo.email, "demo-new@example.org")
    ),
    "accounts:confirm_email": lambda w: one(token=confirmation_token(w.demo, w.demo.email)),
    "accounts:unsubscribe": lambda w: one(token=unsubscribe_token(w.demo.pk)),
    "password_reset_confirm": _password_reset,
}


def admin_samples(key: str, params: tuple[str, ...], world: World) -> list[Sample] | None:
    """Admin URLs name a registered model's objects: any one of that model will do."""
    if params == ("app_label",):
        labels = sorted({model._meta.app_label for model in admin_site._registry})
        return [Sample({"app_label": label}) for label in labels]
    if params == ("url",):
        return one(url="no-such-page/")
    if params == ("content_type_id", "object_id"):
        kind = ContentType.objects.get_for_model(Exercise)
        return one(content_type_id=kind.pk, object_id=world.exercise.pk)
    for model in admin_site._registry:
        meta = model._meta
        prefixes = (f"admin:{meta.app_label}_{meta.model_name}_", f"admin/{meta.app_label}/")
        if key.startswith(prefixes) and (
            key.startswith(prefixes[0]) or f"/{meta.model_name}/" in key
        ):
            obj = apps.get_model(meta.app_label, meta.model_name).objects.order_by("pk").first()
            if obj is None:
                return []
            return [Sample({name: obj.pk for name in params})]
    return None


@dataclass(frozen=True)
class Expect:
    """The first answer's status for each audience (None: not asked as that audience).

    Owner: the account whose object the URL names (the demo by default). Outsider: another
    person, who must get 404 for anything of the owner's. A redirect is followed: the final
    answer must be a 200 (anonymous visitors' redirects end on the login page), of
    ``content_type`` for the owner.
    """

    anonymous: int | None = None
    owner: int | None = None
    outsider: int | None = None
    staff: int | None = None
    content_type: str = ""


PERSONAL = Expect(anonymous=302, owner=200)  # a visitor is sent to the login page
OWN_OBJECT = Expect(anonymous=302, owner=200, outsider=404)  # and another person finds nothing
PUBLIC = Expect(anonymous=200, owner=200)
POST_ONLY = Expect(anonymous=302, owner=405)
# A chart or PDF without its dates and data version goes to the URL that names them.
DOWNLOAD_REDIRECT = Expect(anonymous=302, owner=302)


def download(content_type: str) -> Expect:
    return Expect(anonymous=302, owner=200, content_type=content_type)


EXPECT: dict[str, Expect] = {
    "home": Expect(anonymous=200, owner=302),
    "manifest": Expect(anonymous=200, owner=200, content_type="application/manifest+json"),
    "service_worker": Expect(anonymous=200, owner=200, content_type="text/javascript"),
    "exercises:list": PUBLIC,
    "exercises:detail": PUBLIC,
    "exercises:drawing": Expect(anonymous=200, owner=200, content_type="image/png"),
    "journal:today": PERSONAL,
    "journal:routine": PERSONAL,
    "journal:routine_done": POST_ONLY,
    "journal:my_routine": PERSONAL,
    "journal:relief_before": POST_ONLY,
    "journal:relief_after": OWN_OBJECT,
    # Asked too late or too early, the 30-minute rating goes back to the session.
    "journal:relief_later": Expect(anonymous=302, owner=302, outsider=404),
    "journal:relief_rest": Expect(anonymous=302, owner=404),  # a routine session has no rest
    "journal:relief_comparison": PERSONAL,
    "journal:day": PERSONAL,
    "journal:offline_shell": PERSONAL,
    "journal:history": PERSONAL,
    "journal:entry": OWN_OBJECT,
    "journal:entry_delete": OWN_OBJECT,
    "journal:peg": PERSONAL,
    "journal:peg_dismiss": POST_ONLY,
    "journal:share_new": PERSONAL,
    "journal:share_links": PERSONAL,
    "journal:share_revoke": POST_ONLY,
    "journal:reports": PERSONAL,
    "journal:report_chart": DOWNLOAD_REDIRECT,
    "journal:report_pdf": DOWNLOAD_REDIRECT,
    "journal:experiments": PERSONAL,
    "journal:experiment_start": PERSONAL,
    "journal:experiment": OWN_OBJECT,
    "journal:experiment_stop": OWN_OBJECT,
    "journal:factors": PERSONAL,
    "journal:factor_shown": POST_ONLY,
    "journal:medicines": PERSONAL,
    "journal:medicine": OWN_OBJECT,
    "journal:medicine_delete": OWN_OBJECT,
    "journal:medicine_event_delete": POST_ONLY,
    "share:page": PUBLIC,
    "share:pdf": Expect(anonymous=200, owner=200, content_type="application/pdf"),
    "share:fhir": Expect(anonymous=200, owner=200, content_type="application/fhir+json"),
    "share:trend": Expect(anonymous=200, owner=200, content_type="image/png"),
    "journal:share_end": OWN_OBJECT,
    "journal:share_end_all": PERSONAL,
    "accounts:cancel_email_change": POST_ONLY,
    "accounts:undo_email_change": PUBLIC,
    "yourdata:import_preview": OWN_OBJECT,
    "accounts:signup": Expect(anonymous=200, owner=302),
    "accounts:settings": PERSONAL,
    "accounts:resend_confirmation": POST_ONLY,
    "accounts:confirm_email": PUBLIC,
    "accounts:unsubscribe": PUBLIC,
    "accounts:dismiss_email_prompt": POST_ONLY,
    "yourdata:data": PERSONAL,
    "yourdata:export_csv": download("text/csv"),
    "yourdata:export_json": download("application/json"),
    "yourdata:export_peg_csv": download("text/csv"),
    "yourdata:export_fhir": download("application/fhir+json"),
    "yourdata:import": PERSONAL,
    "yourdata:delete": PERSONAL,
    "notifications:add_device": POST_ONLY,
    "notifications:remove_device": POST_ONLY,
    "notifications:remove_all_devices": POST_ONLY,
    "login": PUBLIC,
    "logout": Expect(anonymous=405, owner=405),
    "password_change": PERSONAL,
    "password_change_done": PERSONAL,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    # A valid link keeps its token in the session and goes to the form without it.
    "password_reset_confirm": Expect(anonymous=302, owner=302),
    "password_reset_complete": PUBLIC,
    # The admin: staff only; everyone else goes to its login page.
    "admin:index": Expect(anonymous=302, owner=302, staff=200),
    "admin:login": Expect(anonymous=200, staff=302),
    "admin:logout": Expect(anonymous=302, staff=405),
    "admin:autocomplete": Expect(anonymous=302, staff=403),  # needs its query
    "admin:jsi18n": Expect(anonymous=302, staff=200, content_type="text/javascript"),
    "admin:view_on_site": Expect(anonymous=302, staff=302),
    # axes and the task queue record their rows themselves: their admin has no add page.
    **{
        f"admin:{model}_add": Expect(anonymous=302, staff=403)
        for model in (
            "axes_accessattempt",
            "axes_accesslog",
            "axes_accessfailurelog",
            "django_tasks_database_dbtaskresult",
        )
    },
}


def expect_for(key: str, *, is_admin: bool, named: bool, params: tuple[str, ...]) -> Expect:
    if key in EXPECT:
        return EXPECT[key]
    if not is_admin:
        return Expect()  # the general rule
    if params == ("url",):
        return Expect(anonymous=302, staff=404)  # the admin's answer to an unknown page
    if not named:
        return Expect(anonymous=302, staff=302)  # an object's bare address: to its change page
    # Every other admin page: the list, add, change, history and delete pages of each model.
    return Expect(anonymous=302, staff=200)
