"""Campaigns in a real browser: an editor composes, previews, test-sends and schedules;
a subscriber changes their topics and the next campaign respects it."""

import pytest
from django.core import mail

from newsletter import sending
from newsletter.models import Campaign, Subscriber
from tests.factories import make_campaign, make_category, make_subscriber, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "browser-test-password-1"


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def test_an_editor_composes_previews_test_sends_and_schedules(page, console_errors):
    editor = make_user("Editors", password=PASSWORD, email="editor@stateup.org")
    make_subscriber(status=Subscriber.Status.CONFIRMED, interests=["newsletter"])
    make_subscriber(status=Subscriber.Status.CONFIRMED, interests=["events"])
    log_in(page, editor)
    page.goto("/admin/newsletter/campaign/add/")
    page.fill("#id_subject", "Our December briefs")
    page.fill("#id_preheader", "Grids, minerals and water")
    body = page.locator(".prose-editor [contenteditable=true]").first
    body.click()
    page.keyboard.type("Three briefs worth your time.")
    page.check("input[name=interests][value=newsletter]")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    campaign = Campaign.objects.get()
    assert "Three briefs worth your time." in campaign.body
    assert "This campaign would go to 1 subscriber now." in page.inner_text(".campaign-audience")

    preview_url = page.get_attribute("a:has-text('Preview the email (HTML)')", "href")
    change_url = page.url
    page.goto(preview_url)
    assert "Our December briefs" in page.inner_text("h1")
    assert "Three briefs worth your time." in page.content()
    page.goto(change_url)

    page.check(".campaign-test-form input[value='editor@stateup.org']")
    page.click(".campaign-test-form input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert [message.to for message in mail.outbox] == [["editor@stateup.org"]]
    assert mail.outbox[0].subject == "[Test] Our December briefs"

    page.fill(".campaign-schedule-form input[name=send_at]", "2099-06-01T09:30")
    page.click(".campaign-schedule-form input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    assert len(mail.outbox) == 1  # only the test
    assert not [e for e in console_errors if "Content Security Policy" in e]


def test_a_subscriber_changes_topics_and_the_next_campaign_respects_it(page):
    energy = make_category(name="Energy")
    make_category(name="Water")
    reader = make_subscriber(status=Subscriber.Status.CONFIRMED, interests=["newsletter"])
    other = make_subscriber(status=Subscriber.Status.CONFIRMED)
    page.goto(f"/newsletter/preferences/{reader.make_preferences_token()}/")
    page.check("label:has-text('Water')")
    page.select_option("select[name=language]", "pt")
    page.click("button[name=save]")
    page.wait_for_selector("text=Your choices are saved.")
    reader.refresh_from_db()
    assert [topic.name for topic in reader.topics.all()] == ["Water"]
    assert reader.language == "pt"

    campaign = make_campaign()
    campaign.topics.set([energy])
    sending.start(campaign)
    assert [message.to for message in mail.outbox] == [[other.email]]
