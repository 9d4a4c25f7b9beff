"""Error reports (the mail to ADMINS, the debug page) without personal data or secrets.

Form answers, query strings, frame variables and the exception text can hold a BSN, a name, an
e-mail address or an OIDC code. Reports keep what a developer needs to find the fault (the
traceback, variable names and numbers, parameter names) and drop the values.
"""

import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from ops import scrub


class SafeReporterFilter(SafeExceptionReporterFilter):
    # Django's list, plus settings that hold a password in a URL or the mock's test persons.
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|BSN|DSN|DATABASE|REDIS|MAILBOX|"
        "PERSONS",
        flags=re.IGNORECASE,
    )

    def is_active(self, request):
        # Also with DEBUG on: a developer's screen is no place for a resident's BSN either.
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        return [
            (name, value if self._harmless(value) else self.cleansed_substitute)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]

    @staticmethod
    def _harmless(value) -> bool:
        """Numbers and flags help to find a fault; a number can still be a BSN."""
        if isinstance(value, bool | float) or value is None:
            return True
        return isinstance(value, int) and not scrub.is_bsn(str(value))

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        # The query string is hidden like the GET parameters (an OIDC code, a search).
        return {
            key: self.cleansed_substitute
            if key == "QUERY_STRING" and value
            else scrub.text(value)
            if isinstance(value, str)
            else value
            for key, value in meta.items()
        }


class SafeExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        for key in ("exception_value", "exception_notes", "request_insecure_uri", "user_str"):
            if isinstance(data.get(key), str):
                data[key] = scrub.text(data[key])
        if "request_GET_items" in data:
            data["request_GET_items"] = [
                (key, self.filter.cleansed_substitute) for key, _value in data["request_GET_items"]
            ]
        if "request_FILES_items" in data:
            data["request_FILES_items"] = [
                (key, self.filter.cleansed_substitute)
                for key, _value in data["request_FILES_items"]
            ]
        for frame in data.get("frames", []):
            if "exc_cause" in frame and frame["exc_cause"] is not None:
                frame["exc_cause"] = scrub.text(str(frame["exc_cause"]))
        return data
