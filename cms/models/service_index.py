"""The A-Z of products and services: one letter or one page at a time, so the overview stays
the same size however many services there are."""

import string

from django.core.paginator import Paginator
from django.db.models.functions import Substr, Upper

from cms.models.routing import public

SERVICES_PER_PAGE = 15
LETTERS = string.ascii_uppercase


def service_index_context(index, request) -> dict:
    from cms.models.services import ServicePage

    services = public(ServicePage.objects.child_of(index).live())
    initials = set(
        services.annotate(initial=Upper(Substr("title", 1, 1)))
        .values_list("initial", flat=True)
        .distinct()
    )
    letter = request.GET.get("letter", "").upper()
    # An unknown letter shows the whole list rather than an error page.
    if letter not in initials or letter not in LETTERS:
        letter = ""
    else:
        services = services.filter(title__istartswith=letter)
    listing = Paginator(
        services.order_by("title").only("title", "summary", "url_path", "path", "depth"),
        SERVICES_PER_PAGE,
    ).get_page(request.GET.get("pagina"))
    return {
        "services": listing,
        "letters": [(initial, initial in initials) for initial in LETTERS],
        "selected_letter": letter,
    }
