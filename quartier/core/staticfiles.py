"""Static files in production: hashed and compressed names (whitenoise), no source maps.

Some packaged libraries (Leaflet.markercluster) point to a `.map` file they do not ship;
Django's manifest storage would stop `collectstatic` on that reference. Source maps are only
for debugging, so their references are left as they are instead of being rewritten.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    kept = []
    for extension, rules in patterns:
        rules = tuple(rule for rule in rules if "sourceMappingURL" not in str(rule))
        if rules:
            kept.append((extension, rules))
    return tuple(kept)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
