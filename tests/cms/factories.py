import wagtail_factories
from wagtail.models import Page, Site

from cms.models import HomePage, ServicePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Gemeente Het Hogeland"
    intro = "Regel uw zaken online."


class ServicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServicePage

    title = "Melding openbare ruimte"
    summary = "Meld iets kapot of vies op straat."
    body = "<p>Wat kunt u melden?</p>"


def make_home() -> HomePage:
    """A home page that the default site serves at /."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="start")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home
