from cms.models.alerts import Alert
from cms.models.content import ContentPage
from cms.models.feedback import PageFeedback
from cms.models.home import HomePage, HomePageTopTask
from cms.models.locations import LocationPage, OpeningException, OpeningHours
from cms.models.news import NewsIndexPage, NewsPage
from cms.models.search import SearchMiss
from cms.models.services import ServiceIndexPage, ServicePage, ServicePageRelated

__all__ = [
    "Alert",
    "ContentPage",
    "HomePage",
    "HomePageTopTask",
    "LocationPage",
    "NewsIndexPage",
    "NewsPage",
    "OpeningException",
    "OpeningHours",
    "PageFeedback",
    "SearchMiss",
    "ServiceIndexPage",
    "ServicePage",
    "ServicePageRelated",
]
