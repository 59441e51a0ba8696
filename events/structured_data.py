"""
Schema.org `Event` (JSON-LD) for an event page: status, attendance mode, the place
or a virtual location (the event's own page: never its online link), organizer
and performers.
"""

from articles.structured_data import _person, json_ld_script, publisher
from events.models import Event

ATTENDANCE = {
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _status(event) -> str:
    if event.is_cancelled:
        return "https://schema.org/EventCancelled"
    if event.is_postponed:
        return "https://schema.org/EventPostponed"
    return "https://schema.org/EventScheduled"


def event_graph(event, speakers, absolute) -> dict:
    url = absolute(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{url}#event",
        "url": url,
        "name": event.title,
        "description": event.summary,
        "startDate": event.starts_at.astimezone(event.zone).isoformat(),
        "endDate": event.ends_at.astimezone(event.zone).isoformat(),
        "eventStatus": _status(event),
        "eventAttendanceMode": ATTENDANCE[event.format],
        "inLanguage": event.language,
        "isAccessibleForFree": True,
        "organizer": publisher(absolute),
        "performer": [_person(author, absolute) for author in speakers],
    }
    locations = []
    if event.is_in_person:
        place = {"@type": "Place", "name": event.venue or event.title}
        if event.venue_address:
            place["address"] = " ".join(event.venue_address.split())
        locations.append(place)
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if event.moderator_id:
        data["performer"].append(_person(event.moderator, absolute))
    if event.is_past and event.recording_url:
        data["recordedIn"] = {"@type": "CreativeWork", "url": event.recording_url}
    return data


def event_script(event, speakers, absolute):
    return json_ld_script(event_graph(event, speakers, absolute))
