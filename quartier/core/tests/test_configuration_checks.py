from quartier.checks import check_allowed_hosts, check_email_settings, check_production_settings


def ids(messages):
    return sorted(m.id for m in messages)


def production(settings, **values):
    settings.DEBUG = False
    settings.LOCAL = False
    for name, value in values.items():
        setattr(settings, name, value)


def test_a_server_without_secret_key_fails_with_clear_errors(settings):
    production(settings, SECRET_KEY=settings.MISSING_SECRET_KEY, ALLOWED_HOSTS=["q.krefeld.de"])
    errors = check_production_settings(None)
    assert ids(errors) == ["quartier.E001", "quartier.W001"]
    assert "SECRET_KEY" in errors[0].msg


def test_empty_allowed_hosts_fails(settings):
    settings.ALLOWED_HOSTS = []
    assert ids(check_allowed_hosts(None)) == ["quartier.E003"]


def test_a_server_with_the_dev_key_or_demo_mode_fails(settings):
    production(
        settings,
        SECRET_KEY=settings.DEV_SECRET_KEY,
        ALLOWED_HOSTS=["quartier.krefeld.de"],
        DEMO_MODE=True,
        SITE_URL="https://quartier.krefeld.de",
    )
    assert ids(check_production_settings(None)) == ["quartier.E001", "quartier.E004"]


def test_a_proper_production_configuration_passes(settings):
    production(
        settings,
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS=["quartier.krefeld.de"],
        DEMO_MODE=False,
        SITE_URL="https://quartier.krefeld.de",
    )
    assert check_production_settings(None) == []


def test_a_local_installation_may_run_the_demo_without_debug(settings):
    settings.DEBUG = False
    settings.LOCAL = True
    settings.DEMO_MODE = True
    settings.SECRET_KEY = settings.DEV_SECRET_KEY
    assert check_production_settings(None) == []


def test_sender_address_must_be_an_email(settings):
    settings.DEFAULT_FROM_EMAIL = "nobody"
    assert ids(check_email_settings(None)) == ["quartier.E010"]
