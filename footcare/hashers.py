"""Password hashing at OWASP's current Argon2id minimum."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with m = 19 MiB, t = 2, p = 1 (OWASP Password Storage Cheat Sheet).

    Django's defaults (100 MiB, 8 lanes) cost about 190 ms and 100 MB per login, so a burst
    of logins could exhaust a small server's memory. The algorithm name stays "argon2", so
    stored hashes are still read, and Django rehashes one with other parameters at the
    next successful login (must_update).
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
