from quartier.taxonomy.models import Topic


def test_the_twelve_top_level_topics_exist_in_order(db):
    names = list(Topic.objects.top_level().values_list("name", flat=True))
    assert len(names) == 12
    assert names[0] == "Einsamkeit & soziale Kontakte"
    assert names[-1] == "Sonstiges"


def test_health_and_its_children_are_sensitive(db):
    health = Topic.objects.get(code="health")
    assert health.is_sensitive
    assert health.children.exists()
    assert all(child.is_health for child in health.children.all())
    assert set(Topic.objects.sensitive()) == {health, *health.children.all()}
