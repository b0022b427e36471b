from quartier.checks import check_email_settings, check_production_settings


def ids(messages):
    return sorted(m.id for m in messages)


def test_debug_off_without_secret_key_or_hosts_fails_with_clear_errors(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.MISSING_SECRET_KEY
    settings.ALLOWED_HOSTS = []
    errors = check_production_settings(None)
    assert ids(errors) == ["quartier.E001", "quartier.E003", "quartier.W001"]
    assert "SECRET_KEY" in errors[0].msg


def test_debug_off_with_the_dev_key_or_demo_mode_fails(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEV_SECRET_KEY
    settings.ALLOWED_HOSTS = ["quartier.krefeld.de"]
    settings.DEMO_MODE = True
    settings.SITE_URL = "https://quartier.krefeld.de"
    assert ids(check_production_settings(None)) == ["quartier.E001", "quartier.E004"]


def test_a_proper_production_configuration_passes(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "x" * 50
    settings.ALLOWED_HOSTS = ["quartier.krefeld.de"]
    settings.DEMO_MODE = False
    settings.SITE_URL = "https://quartier.krefeld.de"
    assert check_production_settings(None) == []


def test_debug_mode_skips_production_checks(settings):
    settings.DEBUG = True
    settings.SECRET_KEY = settings.MISSING_SECRET_KEY
    assert check_production_settings(None) == []


def test_sender_address_must_be_an_email(settings):
    settings.DEFAULT_FROM_EMAIL = "nobody"
    assert ids(check_email_settings(None)) == ["quartier.E010"]
