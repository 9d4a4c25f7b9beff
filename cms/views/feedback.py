from django.http import Http404, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cms.feedback import FeedbackForm
from cms.services import feedback_record
from ops import ratelimits
from ops.views import too_many_requests


def _too_many(request, page, url, exception):
    # The address counts per page (RATE_LIMITS["feedback"]), only as part of a hashed cache
    # key that expires; it is never written to the database.
    return too_many_requests(
        request,
        exception,
        heading="U heeft al gereageerd",
        explanation=(
            "U heeft deze pagina vaak achter elkaar beoordeeld. "
            "Daarom hebben wij uw laatste reactie niet bewaard."
        ),
        back_url=url,
        back_title=page.title,
    )


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
    try:
        ratelimits.check(request, "feedback", scope=str(page.pk))
    except ratelimits.TooManyRequests as exception:
        return _too_many(request, page, url, exception)
    if form.errors:
        status = "te-lang" if "comment" in form.errors else "fout"
        return HttpResponseRedirect(f"{url}?reactie={status}#reactie", status=303)
    feedback_record(
        page=page,
        helpful=form.cleaned_data["helpful"] == "ja",
        comment=form.cleaned_data["comment"],
    )
    return HttpResponseRedirect(f"{url}?reactie=bedankt#reactie", status=303)
