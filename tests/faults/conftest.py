from tests.forms_app.conftest import form_page, home, resident  # noqa: F401 - shared fixtures
