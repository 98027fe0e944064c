import pytest

from footcare.vocabulary import counted


@pytest.mark.parametrize(
    ("n", "said"),
    [(0, "0 days"), (1, "1 day"), (2, "2 days"), (365, "365 days")],
)
def test_a_count_names_one_day_in_the_singular_and_any_other_number_in_the_plural(
    n: int, said: str
) -> None:
    assert counted(n, "day") == said


def test_a_count_keeps_every_word_of_a_longer_noun() -> None:
    assert counted(3, "weekly check-in") == "3 weekly check-ins"
    assert counted(1, "rated session") == "1 rated session"
