"""The backup's record format: Django's JSON with timestamps to the microsecond.

Django's JSON serializer cuts times to milliseconds; a restored audit log must say exactly what
the original said. Registered as "qjson" in SERIALIZATION_MODULES.
"""

import datetime as dt

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


# The models a backup leaves out (core/backup.py EXCLUDED): their ids differ between
# installations, so references to them are natural keys. Every other reference is the id the
# restored row gets back, so neither writing nor restoring looks up a row per reference
# (a natural key per account reference cost one query per report, contact and audit entry).
# Backups written with natural keys everywhere still restore: the reader takes both.
NATURAL_KEY_MODELS = frozenset({"contenttypes.contenttype", "auth.permission"})


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder

    def handle_fk_field(self, obj, field):
        if field.remote_field.model._meta.label_lower in NATURAL_KEY_MODELS:
            super().handle_fk_field(obj, field)
        else:
            self._current[field.name] = self._value_from_field(obj, field)
