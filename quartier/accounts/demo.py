"""Demo accounts. Created only by `manage.py load_demo`, never by migrations."""

from quartier.accounts.models import Role, User
from quartier.areas.models import Base, Quarter

DEMO_PASSWORD = "quartier-demo"  # noqa: S105  (documented demo password)

# (username, role, label shown by `make run`)
DEMO_ACCOUNTS = [
    ("helferin", Role.HELPER, "Quartiershelferin, Hardenbergviertel"),
    ("helfer2", Role.HELPER, "Quartiershelfer, Samtweberviertel"),
    ("koordination", Role.COORDINATOR, "Koordination"),
    ("datenschutz", Role.PRIVACY_OFFICER, "Datenschutz"),
    ("admin", Role.ADMIN, "Administration"),
]

# The other nine helpers of the eleven, one quarter each.
OTHER_HELPERS = [
    ("a.yilmaz", "Ayşe", "Yılmaz", "josefsviertel"),
    ("m.nowak", "Marek", "Nowak", "stephansplatz"),
    ("s.becker", "Sabine", "Becker", "innenstadt"),
    ("t.schmitz", "Thomas", "Schmitz", "innenstadt"),
    ("l.hoffmann", "Lena", "Hoffmann", "bleichpfad"),
    ("k.demir", "Kemal", "Demir", "stadtgarten"),
    ("o.kowalska", "Olga", "Kowalska", "schinkenplatz"),
    ("j.peters", "Jana", "Peters", "hardenbergviertel"),
    ("d.haddad", "Dina", "Haddad", "samtweberviertel"),
]

NAMED = {
    "helferin": ("Hanna", "Heller", ["hardenbergviertel"]),
    "helfer2": ("Peter", "Sommer", ["samtweberviertel"]),
    "koordination": ("Katrin", "Ordner", []),
    "datenschutz": ("Dirk", "Schutz", []),
    "admin": ("Anna", "Admin", []),
}


def _account(username, role, first, last, quarter_slugs):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": first,
            "last_name": last,
            "email": f"{username.replace('.', '-')}@example.org",
            "is_staff": role == Role.ADMIN,
            "is_superuser": role == Role.ADMIN,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    quarters = list(Quarter.objects.filter(slug__in=quarter_slugs))
    user.quarters.set(quarters)
    if quarters and user.base_id is None:
        user.base = Base.objects.filter(quarter=quarters[0]).first()
        user.save(update_fields=["base"])
    return user


def load() -> None:
    for username, role, _label in DEMO_ACCOUNTS:
        first, last, slugs = NAMED[username]
        _account(username, role, first, last, slugs)
    for username, first, last, slug in OTHER_HELPERS:
        _account(username, Role.HELPER, first, last, [slug])
