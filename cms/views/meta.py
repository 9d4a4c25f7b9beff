from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /mijn/",
        "Disallow: /zoeken/",
        "Disallow: /digid-mock/",
        f"Sitemap: {request.build_absolute_uri(reverse('cms:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=3600)
def security_txt(request):
    # RFC 9116; Expires must lie less than a year ahead, so it is computed.
    from django.utils import timezone

    expires = (timezone.now() + timezone.timedelta(days=180)).strftime("%Y-%m-%dT00:00:00Z")
    lines = [
        "Contact: mailto:security@hethogeland.nl",
        f"Expires: {expires}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri()}",
        "Policy: https://www.hethogeland.nl/responsible-disclosure/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
