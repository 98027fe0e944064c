"""Read-only links for a clinician: making them, the owner's pages and the public ones."""
