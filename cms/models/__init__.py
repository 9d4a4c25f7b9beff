from cms.models.alerts import Alert, AlertSection
from cms.models.contact import ContactPage
from cms.models.content import ContentPage
from cms.models.feedback import PageFeedback
from cms.models.home import HomePage, HomePageTopTask
from cms.models.jargon import JargonTerm
from cms.models.legal import AccessibilityStatementPage, CookieStatementPage, PrivacyStatementPage
from cms.models.locations import LocationPage, OpeningException, OpeningHours
from cms.models.news import NewsIndexPage, NewsPage
from cms.models.search import SearchMiss, SearchSynonym
from cms.models.services import ServiceIndexPage, ServicePage, ServicePageRelated
from cms.models.settings import MunicipalitySettings, SocialLink
from cms.models.sitemap import SitemapPage

__all__ = [
    "AccessibilityStatementPage",
    "Alert",
    "AlertSection",
    "ContactPage",
    "ContentPage",
    "CookieStatementPage",
    "HomePage",
    "HomePageTopTask",
    "JargonTerm",
    "LocationPage",
    "NewsIndexPage",
    "NewsPage",
    "OpeningException",
    "OpeningHours",
    "MunicipalitySettings",
    "PageFeedback",
    "PrivacyStatementPage",
    "SearchMiss",
    "SearchSynonym",
    "ServiceIndexPage",
    "ServicePage",
    "ServicePageRelated",
    "SitemapPage",
    "SocialLink",
]
