"""The demo's site settings (Gemeentegegevens), logo and legal pages."""

import datetime as dt
import json
import uuid
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.models import (
    AccessibilityStatementPage,
    CookieStatementPage,
    MunicipalitySettings,
    PrivacyStatementPage,
    SitemapPage,
    SocialLink,
)
from demo import content_legal, content_site

ASSETS = Path(__file__).resolve().parent / "assets"


def seed_legal_pages(home, group, child) -> dict:
    """The three legal pages and the sitemap page, made with ``child`` (demo.site._child)."""
    today = timezone.localdate()
    spec = content_legal.ACCESSIBILITY
    accessibility = child(
        home,
        AccessibilityStatementPage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        status=spec["status"],
        scope=spec["scope"],
        statement_date=today - dt.timedelta(days=spec["statement_days_ago"]),
        research_date=today - dt.timedelta(days=spec["research_days_ago"]),
        research_by=spec["research_by"],
        research_method=spec["research_method"],
        known_issues=json.dumps(
            [
                {"type": "issue", "value": issue, "id": str(uuid.uuid4())}
                for issue in spec["known_issues"]
            ]
        ),
        body=spec["body"],
        owner_group=group,
    )
    privacy = child(
        home,
        PrivacyStatementPage,
        content_legal.PRIVACY["slug"],
        **{k: v for k, v in content_legal.PRIVACY.items() if k != "slug"},
        owner_group=group,
    )
    cookies = child(
        home,
        CookieStatementPage,
        content_legal.COOKIES["slug"],
        **{k: v for k, v in content_legal.COOKIES.items() if k != "slug"},
        owner_group=group,
    )
    sitemap = child(
        home,
        SitemapPage,
        content_legal.SITEMAP["slug"],
        **{k: v for k, v in content_legal.SITEMAP.items() if k != "slug"},
        owner_group=group,
    )
    return {
        "accessibility_page": accessibility,
        "privacy_page": privacy,
        "cookie_page": cookies,
        "sitemap_page": sitemap,
    }


def _logo():
    Document = get_document_model()
    existing = Document.objects.filter(title="Logo Het Hogeland").first()
    if existing is not None:
        return existing
    # Wagtail's migrations create the root collection; a flushed database lacks it.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    with open(ASSETS / content_site.LOGO_FILE, "rb") as handle:
        return Document.objects.create(
            title="Logo Het Hogeland",
            file=File(handle, name=content_site.LOGO_FILE),
            collection=collection,
        )


def seed_municipality_settings(site, pages: dict) -> MunicipalitySettings:
    spec = content_site.MUNICIPALITY
    settings = MunicipalitySettings.for_site(site)
    if settings.logo_id:
        return settings  # seeded before: an editor's changes stay
    for field in ("name", "phone", "phone_hours", "email", "postal_address"):
        setattr(settings, field, spec[field])
    settings.logo = _logo()
    for field, page in pages.items():
        setattr(settings, field, page)
    settings.save()
    for order, (name, url) in enumerate(spec["social_links"]):
        SocialLink.objects.create(settings=settings, name=name, url=url, sort_order=order)
    return settings
