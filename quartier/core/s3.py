"""Uploaded files on S3-compatible object storage (the city's, MinIO, Ceph …), for several
application servers without a shared directory. Enabled by QUARTIER_S3_BUCKET (settings.py);
the bucket stays private: files are delivered by the views after an access check."""

from storages.backends.s3 import S3Storage as BaseS3Storage

from quartier.core.files import TrackedStorage


class S3Storage(TrackedStorage, BaseS3Storage):
    """Failed writes become StorageError (503), written objects are tracked (core/files.py)."""
