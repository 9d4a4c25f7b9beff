from forms_app.views.confirmation import serve_confirmation
from forms_app.views.wizard import serve_form

__all__ = ["serve_confirmation", "serve_form"]
