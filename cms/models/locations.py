import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.constants import Weekday
from cms.models.mixins import BasePage
from contacts.calendar import is_public_holiday


class OpeningHours(Orderable):
    location = ParentalKey("cms.LocationPage", on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("open van"))
    closes = models.TimeField(_("tot"))

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("De sluitingstijd moet na de openingstijd liggen.")})


class OpeningException(Orderable):
    """A day with other hours: closed on a holiday that is not automatic, or extra hours."""

    location = ParentalKey("cms.LocationPage", on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("datum"))
    closed = models.BooleanField(_("gesloten"), default=True)
    opens = models.TimeField(_("open van"), null=True, blank=True)
    closes = models.TimeField(_("tot"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=120, blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("closed"),
        FieldPanel("opens"),
        FieldPanel("closes"),
        FieldPanel("note"),
    ]

    def clean(self):
        if not self.closed:
            if not (self.opens and self.closes):
                raise ValidationError(_("Vul de openingstijden in, of vink ‘gesloten’ aan."))
            if self.closes <= self.opens:
                raise ValidationError(
                    {"closes": _("De sluitingstijd moet na de openingstijd liggen.")}
                )


@dataclass(frozen=True)
class OpeningStatus:
    """What a resident wants to know at a glance: open now, until when, or when again."""

    is_open: bool
    today: list[tuple[dt.time, dt.time]]
    closes_at: dt.datetime | None
    opens_at: dt.datetime | None


class LocationPage(BasePage, Page):
    """A municipal office or meeting place, with opening hours and what you can arrange there."""

    summary = models.CharField(_("samenvatting"), max_length=300, blank=True)
    street = models.CharField(_("straat en huisnummer"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("plaats"), max_length=60)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    by_appointment_only = models.BooleanField(_("alleen op afspraak"), default=False)
    show_in_footer = models.BooleanField(
        _("openingstijden in de voettekst"),
        default=False,
        help_text=_("Voor de hoofdlocaties: de tijden van vandaag staan onder elke pagina."),
    )
    directions = models.TextField(_("bereikbaarheid"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("city", boost=2),
        index.SearchField("street"),
        index.SearchField("search_topics"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city"), FieldPanel("phone")],
            heading=_("Adres"),
        ),
        FieldPanel("by_appointment_only"),
        FieldPanel("show_in_footer"),
        FieldPanel("directions"),
        InlinePanel("hours", label=_("Openingstijden")),
        InlinePanel("exceptions", label=_("Afwijkende dagen")),
    ]
    settings_panels = Page.settings_panels + BasePage.ownership_panels
    parent_page_types = ["cms.HomePage", "cms.ContentPage", "cms.ContactPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def search_topics(self) -> str:
        """What every location page shows, in residents' words: "openingstijden winsum"."""
        return f"openingstijden adres bezoekadres {self.city}"

    @cached_property
    def _regular_hours(self) -> list[OpeningHours]:
        return sorted(self.hours.all(), key=lambda h: (h.weekday, h.opens))

    @cached_property
    def _exceptions(self) -> list[OpeningException]:
        return sorted(self.exceptions.all(), key=lambda e: e.date)

    def hours_on(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        """Opening periods on a day: exceptions first, then public holidays, then the week.

        The holidays are those the service norms count (contacts.calendar, with Bevrijdingsdag
        per LIBERATION_DAY_OFF): an office is never shown open on a day the norms skip."""
        exception = next((e for e in self._exceptions if e.date == day), None)
        if exception is not None:
            return [] if exception.closed else [(exception.opens, exception.closes)]
        if is_public_holiday(day):
            return []
        return [(h.opens, h.closes) for h in self._regular_hours if h.weekday == day.weekday()]

    def is_open_at(self, moment: dt.datetime) -> bool:
        local = timezone.localtime(moment)
        return any(opens <= local.time() < closes for opens, closes in self.hours_on(local.date()))

    def week_schedule(self):
        return [
            (label, [(h.opens, h.closes) for h in self._regular_hours if h.weekday == value])
            for value, label in Weekday.choices
        ]

    def upcoming_exceptions(self, days: int = 60):
        today = timezone.localdate()
        horizon = today + dt.timedelta(days=days)
        return [e for e in self._exceptions if today <= e.date <= horizon]

    def next_status_change(self, moment: dt.datetime) -> dt.datetime:
        """When "nu geopend / gesloten" next flips (looks a week ahead)."""
        local = timezone.localtime(moment)
        for offset in range(8):
            day = local.date() + dt.timedelta(days=offset)
            for opens, closes in self.hours_on(day):
                for edge in (opens, closes):
                    at = timezone.make_aware(dt.datetime.combine(day, edge))
                    if at > local:
                        return at
        return local + dt.timedelta(days=1)

    def days_from(self, start: dt.date, count: int = 8):
        """(date, periods) for ``count`` days: a script picks today from them on a cached page."""
        days = (start + dt.timedelta(days=offset) for offset in range(count))
        return [(day, self.hours_on(day)) for day in days]

    def next_opening(self, moment: dt.datetime, days: int = 14) -> dt.datetime | None:
        """The next time the doors open after ``moment`` (two weeks ahead; None: not then)."""
        local = timezone.localtime(moment)
        for offset in range(days + 1):
            day = local.date() + dt.timedelta(days=offset)
            for opens, _closes in self.hours_on(day):
                at = timezone.make_aware(dt.datetime.combine(day, opens))
                if at > local:
                    return at
        return None

    def status_at(self, moment: dt.datetime) -> OpeningStatus:
        local = timezone.localtime(moment)
        today = self.hours_on(local.date())
        current = next((p for p in today if p[0] <= local.time() < p[1]), None)
        if current is not None:
            closes_at = timezone.make_aware(dt.datetime.combine(local.date(), current[1]))
            return OpeningStatus(True, today, closes_at, None)
        return OpeningStatus(False, today, None, self.next_opening(moment))

    def seconds_until_change(self, moment: dt.datetime) -> int:
        return max(1, int((self.next_status_change(moment) - moment).total_seconds()))

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # "Nu geopend" is computed now: no cache may keep it past the next change.
        patch_cache_control(response, max_age=self.seconds_until_change(timezone.now()))
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        status = self.status_at(now)
        context.update(
            services=self.services_by_appointment.live().public().order_by("title"),
            status=status,
            today=timezone.localdate(now),
            week_schedule=self.week_schedule(),
            upcoming_exceptions=self.upcoming_exceptions(),
        )
        return context
