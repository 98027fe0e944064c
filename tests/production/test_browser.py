"""The installable app in Chromium against the production server: the service worker and
the manifest's icons from collectstatic's hashed files, a day saved offline and sent when
the network is back, and logging out clearing the phone.

The tests are tests/e2e's own, imported: here `live_server` is the production server.
"""

from tests.e2e.test_offline import (  # noqa: F401 - collected here as well
    app_page,
    test_a_day_saved_offline_survives_a_reload_and_arrives_once_when_online,
    test_a_logged_out_page_clears_the_offline_copy_after_a_session_simply_expired,
    test_logging_out_clears_the_caches_and_the_kept_drafts,
    test_the_manifest_is_valid_and_the_service_worker_registers,
)
