"""Field types residents answer; see base.py. Importing this package registers them all."""

from forms_app.field_types import address, choice, content, date, text, upload  # noqa: F401
from forms_app.field_types.base import FieldType, all_types, get, register

__all__ = ["FieldType", "all_types", "get", "register"]
