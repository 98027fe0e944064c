"""Passwords are hashed with Argon2id at OWASP's minimum cost, and old hashes are upgraded."""

import pytest
from django.conf import settings as project_settings
from django.contrib.auth.hashers import Argon2PasswordHasher, get_hasher, identify_hasher
from django.test import Client

from tests.factories import PASSWORD, make_user

# The project's own list: the test suite's autouse fixture swaps in a fast hasher.
PROJECT_HASHERS = list(project_settings.PASSWORD_HASHERS)


@pytest.fixture
def real_hashers(settings) -> None:
    settings.PASSWORD_HASHERS = PROJECT_HASHERS


def argon2_parameters(encoded: str) -> dict[str, object]:
    decoded = identify_hasher(encoded).decode(encoded)
    return {key: decoded[key] for key in ("memory_cost", "time_cost", "parallelism")} | {
        "variety": decoded["variety"]
    }


def test_new_passwords_get_argon2id_with_19_mib_2_passes_and_1_lane(real_hashers, db) -> None:
    user = make_user("alice")
    assert argon2_parameters(user.password) == {
        "memory_cost": 19 * 1024,
        "time_cost": 2,
        "parallelism": 1,
        "variety": "argon2id",
    }


def test_a_hash_with_the_old_cost_is_upgraded_at_the_next_login(real_hashers, db) -> None:
    user = make_user("alice")
    # What Django 5.2's own Argon2 hasher stored before: 100 MiB, 8 lanes.
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    assert argon2_parameters(user.password)["memory_cost"] == 102400

    response = Client().post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert argon2_parameters(user.password)["memory_cost"] == 19 * 1024
    assert argon2_parameters(user.password)["parallelism"] == 1


def test_a_wrong_password_does_not_touch_the_old_hash(real_hashers, db) -> None:
    user = make_user("alice")
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.password = old
    user.save(update_fields=["password"])
    Client().post("/accounts/login/", {"username": "alice", "password": "wrong-password"})
    user.refresh_from_db()
    assert user.password == old


def test_the_first_hasher_is_the_project_one(real_hashers) -> None:
    assert type(get_hasher()).__name__ == "OwaspArgon2PasswordHasher"
