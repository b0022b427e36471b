"""Uploads on S3-compatible object storage, tested against a real S3 API on loopback (moto's
server mode): a report photo lands in the bucket and is served through the access-checked view;
a bucket that cannot be written answers 503 and keeps no record."""

import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from quartier.reports.models import Report

BUCKET = "quartier-media"
API = "/meldungen/neu/senden/"


def _free_port() -> int:
    # Parallel test processes each run their own S3 server.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="quartier",
        aws_secret_access_key="quartier-secret",
        region_name="eu-central-1",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "quartier.core.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-central-1",
                "access_key": "quartier",
                "secret_key": "quartier-secret",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_a_report_photo_is_stored_in_the_bucket_and_served_after_the_access_check(
    bucket, client_for, helper, coordinator, capture_data, photo_upload
):
    response = client_for(helper).post(
        API, {**capture_data(), "photos": photo_upload()}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201
    photo = Report.objects.get().photos.get()
    assert sorted(keys(bucket)) == sorted([photo.image.name, photo.thumbnail.name])

    served = client_for(coordinator).get(f"/meldungen/foto/{photo.pk}/")
    assert served.status_code == 200
    body = b"".join(served.streaming_content)
    stored = bucket.get_object(Bucket=BUCKET, Key=photo.image.name)["Body"].read()
    assert body == stored and body.startswith(b"\xff\xd8")


def test_an_unwritable_bucket_answers_503_and_keeps_nothing(
    bucket, settings, client_for, helper, capture_data, photo_upload
):
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "bucket_name": "no-such-bucket"}},
    }
    response = client_for(helper).post(
        API, {**capture_data(), "photos": photo_upload()}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 503
    assert not Report.objects.exists()
    assert keys(bucket) == []
