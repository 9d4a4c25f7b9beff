"""Placeholder while this area is being built; replaced in the same change."""


class AlertsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
