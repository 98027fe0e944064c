"""Drawing a report: the charts (wide and phone) and the doctor's one-page PDF."""
