from django.utils import formats, timezone
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.alerts import alert_status
from cms.models import Alert


def _moment(value) -> str:
    return formats.date_format(timezone.localtime(value), "j M Y H:i")


def alert_period(alert: Alert) -> str:
    if alert.ends_at is None:
        return f"vanaf {_moment(alert.starts_at)}"
    return f"{_moment(alert.starts_at)} tot {_moment(alert.ends_at)}"


class AlertViewSet(SnippetViewSet):
    model = Alert
    menu_label = "Meldingen"
    icon = "warning"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "title",
        Column("severity", label="Ernst", accessor="get_severity_display"),
        Column("period", label="Periode", accessor=alert_period),
        StatusTagColumn(
            "status",
            label="Status",
            accessor=alert_status,
            primary=lambda alert: alert_status(alert) == "actief",
        ),
    ]
    list_filter = ["severity"]
    ordering = ["-starts_at"]
