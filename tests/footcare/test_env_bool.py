"""A yes/no setting is read strictly: a typo stops the start instead of meaning "off"."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from footcare.env import env_bool


@pytest.mark.parametrize("text", ["true", "True", " yes ", "1", "on", "TRUE"])
def test_it_reads_the_usual_spellings_of_yes(monkeypatch, text: str) -> None:
    monkeypatch.setenv("FOOTCARE_FLAG", text)
    assert env_bool("FOOTCARE_FLAG", False) is True


@pytest.mark.parametrize("text", ["false", "False", " no ", "0", "off", "FALSE"])
def test_it_reads_the_usual_spellings_of_no(monkeypatch, text: str) -> None:
    monkeypatch.setenv("FOOTCARE_FLAG", text)
    assert env_bool("FOOTCARE_FLAG", True) is False


@pytest.mark.parametrize("default", [True, False])
def test_an_unset_or_empty_variable_takes_the_default(monkeypatch, default: bool) -> None:
    monkeypatch.delenv("FOOTCARE_FLAG", raising=False)
    assert env_bool("FOOTCARE_FLAG", default) is default
    monkeypatch.setenv("FOOTCARE_FLAG", "  ")
    assert env_bool("FOOTCARE_FLAG", default) is default


@pytest.mark.parametrize("typo", ["flase", "ture", "yes please", "2", "enabled"])
def test_it_refuses_a_value_that_is_neither_yes_nor_no(monkeypatch, typo: str) -> None:
    monkeypatch.setenv("FOOTCARE_FLAG", typo)
    with pytest.raises(ImproperlyConfigured, match="FOOTCARE_FLAG"):
        env_bool("FOOTCARE_FLAG", False)


def test_a_typo_in_a_production_setting_stops_the_start_with_a_clear_message() -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        env_bool("DJANGO_SECURE_SSL_REDIRECT", True, {"DJANGO_SECURE_SSL_REDIRECT": "flase"})
    assert "DJANGO_SECURE_SSL_REDIRECT='flase'" in str(refused.value)
    assert "true or false" in str(refused.value)
