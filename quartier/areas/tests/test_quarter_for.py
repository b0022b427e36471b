import pytest

from quartier.areas.geo import distance_m, in_krefeld, locate, quarter_for


def test_point_in_a_demo_quarter(quarters):
    assert quarter_for(51.3180, 6.5680) == quarters["hardenbergviertel"]
    assert quarter_for(51.3330, 6.5620) == quarters["innenstadt"]


def test_point_in_krefeld_outside_programme_quarters_is_allowed_and_marked(quarters):
    location = locate(51.37, 6.60)  # Hüls direction, no programme quarter
    assert location.in_krefeld and location.outside_programme_quarters
    assert quarter_for(51.37, 6.60) is None


@pytest.mark.parametrize(("lat", "lon"), [(52.52, 13.40), (51.2277, 6.7735), (0, 0)])
def test_points_outside_krefeld(quarters, lat, lon):
    assert not in_krefeld(lat, lon)
    assert not locate(lat, lon).in_krefeld


def test_cache_follows_changes_to_quarters(quarters):
    q = quarters["schinkenplatz"]
    assert quarter_for(51.3900, 6.6000) is None
    q.geometry = {
        "type": "Polygon",
        "coordinates": [
            [[6.59, 51.38], [6.61, 51.38], [6.61, 51.40], [6.59, 51.40], [6.59, 51.38]]
        ],
    }
    q.save()
    assert quarter_for(51.3900, 6.6000) == q


def test_distance_is_in_metres():
    assert distance_m(51.3330, 6.5620, 51.3330, 6.5620) == 0
    assert 70 < distance_m(51.3330, 6.5620, 51.3336, 6.5626) < 90
