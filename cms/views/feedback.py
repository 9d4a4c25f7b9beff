from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template import engines
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from cms.feedback import FeedbackForm
from cms.services import feedback_record

# Per IP address and page. The address is only part of a hashed cache key that expires;
# it is never written to the database.
RATES = ["5/m", "30/d"]

_LIMITED_PAGE = """{% extends "base.html" %}
{% block title %}U heeft al gereageerd{% endblock %}
{% block content %}
  <h1 class="utrecht-heading-1">U heeft al gereageerd</h1>
  <p class="utrecht-paragraph">U heeft deze pagina vaak achter elkaar beoordeeld.
  Daarom hebben wij uw laatste reactie niet bewaard. Probeer het later opnieuw.</p>
  <p class="utrecht-paragraph">
    <a class="utrecht-link" href="{{ back_url }}">Terug naar {{ title }}</a>
  </p>
{% endblock %}
"""


def _is_limited(request, page_id: int) -> bool:
    return any(
        is_ratelimited(
            request, group=f"cms.feedback.{page_id}", key="ip", rate=rate, increment=True
        )
        for rate in RATES
    )


def _too_many(request, page, url):
    html = (
        engines["django"]
        .from_string(_LIMITED_PAGE)
        .render({"back_url": url, "title": page.title}, request)
    )
    return HttpResponse(html, status=429)


# csrf_exempt: service and content pages are served to anonymous visitors from a shared page
# cache, so the form cannot carry a per-visitor CSRF token. A forged submission can do no more
# than add one anonymous "Ja" or "Nee", and the rate limit below caps even that.
@csrf_exempt
@require_POST
def submit_feedback(request):
    form = FeedbackForm(request.POST)
    form.is_valid()
    page = form.cleaned_data.get("page")
    if page is None:
        raise Http404("Onbekende pagina.")
    url = page.get_url(request=request)
    if not url:
        raise Http404("Deze pagina staat niet op de website.")
    if _is_limited(request, page.pk):
        return _too_many(request, page, url)
    if form.errors:
        status = "te-lang" if "comment" in form.errors else "fout"
        return HttpResponseRedirect(f"{url}?reactie={status}#reactie", status=303)
    feedback_record(
        page=page,
        helpful=form.cleaned_data["helpful"] == "ja",
        comment=form.cleaned_data["comment"],
    )
    return HttpResponseRedirect(f"{url}?reactie=bedankt#reactie", status=303)
