# Upload first: the field types (imported by FormPage's blocks) use the Upload model.
from forms_app.models.uploads import Upload  # isort: skip
from forms_app.models.drafts import Draft
from forms_app.models.pages import FormPage
from forms_app.models.stats import FormRun
from forms_app.models.submissions import Submission

__all__ = ["Draft", "FormPage", "FormRun", "Submission", "Upload"]
