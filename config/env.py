"""Read environment variables in one place, cast to the type of their default.

Modelled on open-forms' ``conf/utils.config``: a setting's default documents its type, so
``env("DEBUG", False)`` returns a bool and ``env("ALLOWED_HOSTS", ["localhost"])`` a list.
"""

import os
from typing import Any

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class EnvError(ValueError):
    pass


def env(name: str, default: Any = None, *, required: bool = False) -> Any:
    raw = os.environ.get(name)
    if raw is None or (required and not raw.strip()):
        if required:
            raise EnvError(f"Environment variable {name} is required.")
        return default
    if default is None or isinstance(default, str):
        return raw
    if isinstance(default, bool):
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise EnvError(f"{name} must be a boolean (true/false), got {raw!r}.")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError as exc:
            raise EnvError(f"{name} must be an integer, got {raw!r}.") from exc
    if isinstance(default, list | tuple):
        return [item.strip() for item in raw.split(",") if item.strip()]
    raise EnvError(f"No cast for {name} with a default of type {type(default).__name__}.")
