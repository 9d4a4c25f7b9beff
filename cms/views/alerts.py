# Placeholder while this area is being built; replaced in the same change.
from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse(status=501)


dismiss_alert = _todo
