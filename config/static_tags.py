"""`{% load site_static %}`: Django's `static` library for this project's templates
(TEMPLATES' ``libraries`` names it; Django's own keeps its name for other apps' templates).

The same tags, but ``{% static %}`` asks the storage directly: Django's tag first asks the app
registry whether django.contrib.staticfiles is installed (it always is here), a walk over every
installed app on each of the eight or so tags on a page. The URL itself comes from the
storage as before (config.staticfiles.StaticFilesStorage keeps them per manifest).
"""

from django import template
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags import static as django_static

register = template.Library()
register.tags.update(django_static.register.tags)
register.filters.update(django_static.register.filters)


class StaticNode(django_static.StaticNode):
    @classmethod
    def handle_simple(cls, path):
        return staticfiles_storage.url(path)


@register.tag("static")
def do_static(parser, token):
    return StaticNode.handle_token(parser, token)
