import datetime

from journal.models import Medicine, MedicineEvent


def fill(user: object, today: datetime.date) -> None:
    naproxen = Medicine.objects.create(user=user, name="+Naproxen", key="a")
    for days, kind, dose, often in (
        (10, "started", "500 mg", "twice a day"),
        (5, "dose_changed", "=750 mg", ""),
        (2, "stopped", "", ""),
    ):
        MedicineEvent.objects.create(
            medicine=naproxen,
            day=today - datetime.timedelta(days=days),
            kind=kind,
            dose=dose,
            how_often=often,
        )
    other = Medicine.objects.create(user=user, name="Amitriptyline", key="b")
    MedicineEvent.objects.create(
        medicine=other, day=datetime.date(1990, 1, 1), kind="started", dose="10 mg"
    )
