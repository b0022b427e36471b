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


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
