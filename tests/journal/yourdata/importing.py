"""Importing through the pages as a person does: upload the file, see the preview, choose."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

RULE_TO_ACTION = {"keep": "add", "replace": "replace"}


def post_file(client: Client, data: bytes | str, name: str):
    content = data.encode() if isinstance(data, str) else data
    return client.post("/accounts/data/import/", {"file": SimpleUploadedFile(name, content)})


def seen_of(preview_html: str) -> str:
    return re.search(r'name="seen" value="([0-9a-f]+)"', preview_html).group(1)


def import_file(client: Client, data: bytes | str, name: str = "journal.csv", rule: str = "keep"):
    """Upload, then confirm the preview with ``rule``; a refused file's page otherwise."""
    response = post_file(client, data, name)
    if response.status_code != 302:
        return response
    preview = client.get(response.url)
    assert preview.status_code == 200, preview.text
    return client.post(
        response.url, {"action": RULE_TO_ACTION[rule], "seen": seen_of(preview.text)}
    )
