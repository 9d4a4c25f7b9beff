"""The demo website: page tree, services, offices, news, an alert and the review workflow."""

import datetime as dt
import json
import uuid

from django.conf import settings
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.constants import ServiceKind
from cms.models import (
    Alert,
    ContactPage,
    ContentPage,
    HomePage,
    HomePageTopTask,
    LocationPage,
    NewsIndexPage,
    NewsPage,
    OpeningException,
    OpeningHours,
    ServiceIndexPage,
    ServicePage,
    ServicePageRelated,
)
from demo import content, content_site
from demo.cases import case_type_ensure, seed_process_case_types
from demo.form_pages import form_case_types, seed_forms
from demo.people import grant_page_permissions
from demo.site_chrome import seed_legal_pages, seed_municipality_settings

TOP_TASKS = [
    "paspoort-en-id-kaart",
    "verhuizing-doorgeven",
    "melding-openbare-ruimte",
    "grofvuil-en-afval",
    "wmo-ondersteuning",
    "bijstand",
]
RELATED = {
    "paspoort-en-id-kaart": ["rijbewijs"],
    "rijbewijs": ["paspoort-en-id-kaart"],
    "parkeervergunning": ["gehandicaptenparkeerkaart"],
    "gehandicaptenparkeerkaart": ["parkeervergunning", "wmo-ondersteuning"],
    "bijstand": ["kwijtschelding-gemeentelijke-belastingen"],
    "kwijtschelding-gemeentelijke-belastingen": ["bijstand"],
}


def seed_site(*, teams) -> HomePage:
    info = teams["informatie"].group
    home = _home(info)
    nieuws = teams["nieuws"].group
    services_index = _child(
        home,
        ServiceIndexPage,
        "producten-en-diensten",
        title="Producten en diensten",
        intro="Alles wat u bij de gemeente kunt regelen, van A tot Z.",
        show_in_menus=True,
        owner_group=info,
    )
    news_index = _child(
        home,
        NewsIndexPage,
        "nieuws",
        title="Nieuws",
        intro="Nieuws uit de gemeente en de dorpen.",
        show_in_menus=True,
        owner_group=nieuws,
    )
    contact = _contact_page(home, content_site.CONTACT_PAGE, info)
    _content_page(home, content_site.CONTENT_PAGES[0], nieuws, show_in_menus=False)
    offices = {spec["slug"]: _office(contact, spec, info) for spec in content_site.OFFICES}
    case_types = form_case_types(teams)
    services = {
        spec["slug"]: _service(services_index, spec, teams, offices, case_types.get(spec["slug"]))
        for spec in content_site.SERVICES
    }
    seed_forms(services, case_types)
    seed_process_case_types(teams)
    _related(services)
    _news(news_index, nieuws)
    _alert()
    if not home.top_tasks.exists():
        for order, slug in enumerate(TOP_TASKS):
            HomePageTopTask.objects.create(home=home, page=services[slug], sort_order=order)
    _workflow(home, nieuws)
    legal_pages = seed_legal_pages(home, info, _child)
    site = Site.objects.get(root_page=home)
    seed_municipality_settings(site, {**legal_pages, "contact_page": contact})
    return home


def _home(owner) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    # Wagtail's migrations create the locale and root page; a flushed database lacks them.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(
        instance=HomePage(
            title="Gemeente Het Hogeland", slug="start", intro=content.HOME_INTRO, owner_group=owner
        )
    )
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        welcome = site.root_page
        site.root_page = home
        site.site_name = "Gemeente Het Hogeland"
        site.save()
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()
    return home


def _child(parent, model, slug, *, m2m=None, expire_in_days=None, **fields):
    """The page at ``slug`` below ``parent``; created and published the first time only."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    if expire_in_days is not None:
        # Scheduled unpublishing: `manage.py publish_scheduled` takes the page offline.
        page.expire_at = timezone.now() + dt.timedelta(days=expire_in_days)
    for name, values in (m2m or {}).items():
        setattr(page, name, values)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _content_page(parent, spec, group, show_in_menus):
    return _child(
        parent,
        ContentPage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        body=_stream(spec["body"]),
        show_in_menus=show_in_menus,
        owner_group=group,
    )


def _contact_page(parent, spec, group):
    return _child(
        parent,
        ContactPage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        body=_stream(spec["body"]),
        show_in_menus=True,
        owner_group=group,
    )


def _stream(blocks) -> str:
    return json.dumps(
        [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]
    )


def _office(parent, spec, group):
    existing = LocationPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    office = LocationPage(
        slug=spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        street=spec["street"],
        postcode=spec["postcode"],
        city=spec["city"],
        phone=spec["phone"],
        by_appointment_only=spec["by_appointment_only"],
        show_in_footer=spec["slug"] in content_site.FOOTER_OFFICES,
        directions=spec["directions"],
        owner_group=group,
    )
    office.hours = [
        OpeningHours(
            weekday=day, opens=dt.time.fromisoformat(opens), closes=dt.time.fromisoformat(closes)
        )
        for day, opens, closes in spec["hours"]
    ]
    year = timezone.localdate().year
    opens_on = {}
    for day, opens, _closes in spec["hours"]:
        opens_on.setdefault(day, opens)
    # Shorter hours on Christmas Eve only where the office is open that day at all, from its
    # own opening time (a servicepunt open on Wednesdays only does not open on a Thursday).
    office.exceptions = [
        OpeningException(
            date=date,
            closed=e["closed"],
            opens=dt.time.fromisoformat(max(opens_on[date.weekday()], e["opens"])),
            closes=dt.time.fromisoformat(e["closes"]),
            note=e["note"],
        )
        for e in content_site.OFFICE_EXCEPTIONS
        if (date := dt.date(year, e["month"], e["day"])).weekday() in opens_on
    ]
    parent.add_child(instance=office)
    office.save_revision().publish()
    return office


def _service(parent, spec, teams, offices, case_type=None):
    if case_type is None:
        case_name, team_slug, days = spec["case_type"]
        case_type = case_type_ensure(name=case_name, team=teams[team_slug], lead_time=days)
    team = case_type.team
    return _child(
        parent,
        ServicePage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        keywords=spec["keywords"],
        what=spec["what"],
        conditions=spec["conditions"],
        costs=spec["costs"],
        needed=spec["needed"],
        how=spec["how"],
        service_kind=spec.get("service_kind", ServiceKind.REQUEST),
        delivery_time=spec.get("delivery_time", ""),
        case_type=case_type,
        by_phone=spec["by_phone"],
        internal_notes=spec["internal_notes"],
        owner_group=team.group,
        m2m={"appointment_locations": [offices[slug] for slug in spec["locations"]]},
    )


def _related(services):
    for slug, related in RELATED.items():
        service = services[slug]
        if service.related.exists():
            continue
        for order, other in enumerate(related):
            ServicePageRelated.objects.create(
                service=service, page=services[other], sort_order=order
            )


def _news(parent, group):
    today = timezone.localdate()
    for spec in content_site.NEWS:
        _child(
            parent,
            NewsPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            topic=spec["topic"],
            village=spec["village"],
            body=spec["body"],
            date=today - dt.timedelta(days=spec["days_ago"]),
            expire_in_days=spec.get("expire_in_days"),
            owner_group=group,
        )
    spec = content_site.SCHEDULED_NEWS
    if not NewsPage.objects.child_of(parent).filter(slug=spec["slug"]).exists():
        # Scheduled publishing: the page goes live by itself (`manage.py publish_scheduled`).
        go_live = timezone.now() + dt.timedelta(days=spec["go_live_in_days"])
        page = NewsPage(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            topic=spec["topic"],
            village=spec["village"],
            body=spec["body"],
            date=go_live.date(),
            live=False,
            owner_group=group,
        )
        parent.add_child(instance=page)
        page.go_live_at = go_live
        page.save_revision(approved_go_live_at=go_live).publish()


def _alert():
    spec = content_site.ALERT
    if not Alert.objects.filter(title=spec["title"]).exists():
        now = timezone.now()
        Alert.objects.create(
            title=spec["title"],
            message=spec["message"],
            severity=spec["severity"],
            starts_at=now - dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(days=spec["days"]),
        )


def _workflow(home, reviewers):
    """Editors draft, the communication team (unit Nieuws) reviews and publishes."""
    grant_page_permissions(reviewers, home)
    workflow, created = Workflow.objects.get_or_create(name="Redactie: controle door Communicatie")
    if created:
        task = GroupApprovalTask.objects.create(name="Controle door team Nieuws")
        task.groups.set([reviewers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
