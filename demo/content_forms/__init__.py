"""The demo's online forms: six realistic forms in plain language (B1), one per service.

Each form has its own case type (team, lead time in working days, and the word the resident
reads: aanvraag, melding, vraag or klacht). Questions are written as an editor would type
them in Wagtail; demo.form_pages.steps_stream turns them into StreamField JSON.
"""

from demo.content_forms.klacht import KLACHT
from demo.content_forms.kwijtschelding import KWIJTSCHELDING
from demo.content_forms.melding import MELDING
from demo.content_forms.parkeerkaart import PARKEERKAART
from demo.content_forms.verhuizing import VERHUIZING
from demo.content_forms.vraag import VRAAG

FORMS = [MELDING, VRAAG, KLACHT, VERHUIZING, PARKEERKAART, KWIJTSCHELDING]
