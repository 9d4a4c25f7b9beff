from django.utils.cache import patch_cache_control


class PortalCacheControlMiddleware:
    """Nothing personal may be stored by a browser or proxy cache.

    Applies to the portal and to every response for a logged-in user, so a page that shows a
    name, a prefilled form or staff-only notes is never kept in a shared cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/mijn/") or (user is not None and user.is_authenticated):
            if "public" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        return response
