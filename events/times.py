"""
An event's time as readers see it: in the event's own time zone and in a second
zone across the Atlantic, e.g. "15:00–16:30 CET · 11:00–12:30 BRT".

The zone's abbreviation comes from the date itself (CET or CEST), so a change
to or from daylight-saving time is always shown right.
"""

from django.utils import formats
from django.utils.translation import gettext as _

# Zones whose database abbreviation is only an offset, by the name people use.
ABBREVIATIONS = {("America/Sao_Paulo", "-03"): "BRT", ("America/Sao_Paulo", "-02"): "BRST"}


def _abbreviation(moment) -> str:
    name = moment.tzname() or ""
    name = ABBREVIATIONS.get((moment.tzinfo.key, name), name)
    if name[:1] in {"+", "-"}:
        return "UTC" + name
    return name


def _span(event, zone) -> dict:
    start = event.starts_at.astimezone(zone)
    end = event.ends_at.astimezone(zone)
    same_day = start.date() == end.date()
    abbreviation = _abbreviation(start)
    if _abbreviation(end) != abbreviation:
        abbreviation = f"{abbreviation}/{_abbreviation(end)}"
    return {
        "zone": zone.key,
        "start": start,
        "end": end,
        "date": formats.date_format(start, "DATE_FORMAT"),
        "end_date": "" if same_day else formats.date_format(end, "DATE_FORMAT"),
        "start_time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
        "abbreviation": abbreviation,
        "label": _("%(start)s–%(end)s %(zone)s")
        % {
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M")
            if same_day
            else f"{formats.date_format(end, 'DATE_FORMAT')} {end.strftime('%H:%M')}",
            "zone": abbreviation,
        },
    }


def event_times(event) -> dict:
    local = _span(event, event.zone)
    other = _span(event, event.second_zone)
    other["differs_in_date"] = other["start"].date() != local["start"].date()
    return {"local": local, "other": other, "line": f"{local['label']} · {other['label']}"}
