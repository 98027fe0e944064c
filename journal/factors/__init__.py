"""Factors of the day and medicines: the person's lists and their pages (#23)."""
