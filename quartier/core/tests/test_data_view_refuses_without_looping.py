"""The read-only data view (Django admin): visitors go to the platform's login; a logged-in
person without the right gets the German 403 page, not a redirect back to the login (which,
being logged in, sent her straight back: an endless loop in the browser)."""


def test_a_logged_in_helper_gets_the_german_403(client_for, helper):
    for url in ("/verwaltung/daten/", "/verwaltung/daten/accounts/user/"):
        response = client_for(helper).get(url, follow=True)
        assert response.status_code == 403, url
        assert len(response.redirect_chain) <= 1
        assert "Kein Zugriff" in response.content.decode()


def test_a_visitor_goes_to_the_platforms_login(client, db):
    response = client.get("/verwaltung/daten/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert response.status_code == 200


def test_an_admin_reads_the_data(client_for, admin_user):
    assert client_for(admin_user).get("/verwaltung/daten/").status_code == 200
