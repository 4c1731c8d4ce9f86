"""Where uploaded exports and backups are kept: the "private" storage in
settings.STORAGES, which the web server never serves (they hold every
poster's address)."""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
