import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import ContentPage, JargonTerm, NewsPage, ServicePage
from cms.readability import (
    Jargon,
    ReadabilityPanel,
    analyse,
    analyse_page,
    html_to_text,
    jargon_list,
    split_sentences,
)
from tests.cms.factories import (
    ContentPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ServicePageFactory,
    make_home,
)
from tests.contacts.factories import GroupFactory, UserFactory

LONG_SENTENCE = "Wij " + " ".join(["woord"] * 23) + " einde."  # 25 words
LONG_WORD = "afvalinzamelingskalender"  # 24 letters


def test_a_25_word_sentence_is_flagged():
    report = analyse(f"Dit is kort. {LONG_SENTENCE}")

    assert report.sentence_count == 2
    assert [(s.text, s.words) for s in report.long_sentences] == [(LONG_SENTENCE, 25)]


def test_a_20_letter_word_is_flagged():
    report = analyse("U kunt de omgevingsvergunningen online aanvragen.")

    assert [(w.word, w.letters) for w in report.long_words] == [("omgevingsvergunningen", 21)]


def test_a_short_plain_sentence_is_not_flagged():
    report = analyse("<p>U zet de container op maandag aan de straat.</p>")

    assert not report.long_sentences
    assert not report.long_words
    assert not report.has_flags
    assert report.word_count == 9
    assert report.average_sentence_length == 9.0


def test_exactly_20_words_and_15_letters_are_fine():
    sentence = " ".join(["woord"] * 19) + " vijftienletters."  # "vijftienletters" = 15

    report = analyse(sentence)

    assert report.sentence_count == 1
    assert report.word_count == 20
    assert not report.long_sentences
    assert not report.long_words


def test_urls_and_email_addresses_are_not_long_words():
    report = analyse(
        "Kijk op https://www.hethogeland.nl/afvalinzamelingskalender of mail naar "
        "afvalinzamelingsloket@hethogeland.nl. Of ga naar hethogeland.nl/verhuisberichten."
    )

    assert report.long_words == []
    assert report.sentence_count == 2


def test_average_sentence_length_in_the_summary():
    report = analyse("Een twee drie vier. Een twee. Een twee drie vier vijf zes.")

    assert report.sentence_count == 3
    assert report.average_sentence_length == 4.0


def test_abbreviations_do_not_end_a_sentence():
    sentences = split_sentences("Neem bijv. uw pas mee, o.a. voor de balie. Dan gaat het snel.")

    assert sentences == ["Neem bijv. uw pas mee, o.a. voor de balie.", "Dan gaat het snel."]


def test_headings_and_list_items_are_separate_sentences():
    text = html_to_text("<h2>Wat kost het</h2><ul><li>Een paspoort</li><li>Een ID-kaart</li></ul>")

    assert split_sentences(text) == ["Wat kost het", "Een paspoort", "Een ID-kaart"]


def test_html_entities_are_decoded():
    report = analyse("<p>Afval&nbsp;en grondstoffen &amp; meer.</p>")

    assert report.word_count == 4
    assert split_sentences(html_to_text("<p>A &amp; B</p>")) == ["A & B"]


def test_long_word_is_listed_once():
    report = analyse(f"De {LONG_WORD} is nieuw. Bekijk de {LONG_WORD.capitalize()}.")

    assert len(report.long_words) == 1


def test_empty_text():
    report = analyse("")

    assert report.is_empty
    assert report.average_sentence_length == 0.0


@pytest.mark.django_db
def test_analyse_page_reads_rich_text_but_not_internal_notes():
    page = ServicePageFactory.build(
        title="Paspoort",
        summary="Vraag een paspoort aan.",
        what=f"<p>{LONG_SENTENCE}</p>",
        internal_notes=f"<p>De {LONG_WORD} staat in het systeem.</p>",
    )

    report = analyse_page(page)

    assert [s.field for s in report.long_sentences] == ["wat is het?"]
    assert report.long_words == []


@pytest.mark.django_db
def test_analyse_page_reads_streamfield_blocks():
    page = ContentPageFactory.build(
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "Over de kalender", "level": "h2"}},
                {"type": "paragraph", "value": f"<p>De {LONG_WORD} komt per post.</p>"},
            ]
        )
    )

    report = analyse_page(page)

    assert [w.word for w in report.long_words] == [LONG_WORD]
    assert "h2" not in " ".join(s.text for s in report.long_sentences)


def render_panel(model, instance, rf):
    panel = ReadabilityPanel().bind_to_model(model)
    bound = panel.get_bound_panel(instance=instance, request=rf.get("/"), form=None)
    return bound.render_html()


@pytest.mark.django_db
def test_panel_renders_flags(rf):
    page = ServicePageFactory.build(what=f"<p>{LONG_SENTENCE} De {LONG_WORD}.</p>")

    html = render_panel(ServicePage, page, rf)

    assert "Lange zinnen" in html
    assert LONG_WORD in html
    assert "25 woorden" in html


@pytest.mark.django_db
def test_panel_renders_for_a_new_unsaved_page(rf):
    assert "Nog geen tekst" in render_panel(ContentPage, ContentPage(), rf)
    assert "Nog geen tekst" in render_panel(ServicePage, ServicePage(), rf)


def test_panel_has_a_dutch_heading():
    assert ReadabilityPanel().heading == "Leesbaarheid (B1)"
    assert ReadabilityPanel().clone().heading == "Leesbaarheid (B1)"


@pytest.mark.django_db
def test_panel_in_the_service_page_editor(client):
    # Passes once ReadabilityPanel() is in the panel lists of the page models.
    page = ServicePageFactory(parent=make_home(), what=f"<p>{LONG_SENTENCE}</p>")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert "Leesbaarheid (B1)" in response.content.decode()


# Jargon, passive voice and one verdict


JARGON = Jargon({"conform": "volgens", "ten behoeve van": "voor", "middels": "met"})


def test_jargon_is_flagged_with_a_plainer_word():
    report = analyse("Wij handelen conform de regels. Dit is ten  behoeve van u.", jargon=JARGON)

    assert [(hit.term, hit.alternative) for hit in report.jargon] == [
        ("conform", "volgens"),
        ("ten behoeve van", "voor"),
    ]


def test_jargon_matches_whole_words_only():
    report = analyse("De conformiteit van het product is getest.", jargon=JARGON)

    assert report.jargon == []


def test_passive_voice_is_hinted():
    report = analyse(
        "Uw aanvraag wordt binnen vijf werkdagen behandeld. "
        "De brief is door de gemeente verstuurd. "
        "Het grofvuil werd op maandag opgehaald. "
        "Wij behandelen uw aanvraag binnen vijf werkdagen. "
        "U wordt lid van de bibliotheek."
    )

    assert [hint.text for hint in report.passives] == [
        "Uw aanvraag wordt binnen vijf werkdagen behandeld.",
        "De brief is door de gemeente verstuurd.",
        "Het grofvuil werd op maandag opgehaald.",
    ]


def test_one_verdict_per_text():
    assert analyse("U zet de container op maandag aan de straat.").verdict.label == (
        "Goed leesbaar (B1)"
    )
    assert (
        analyse(
            "U zet de container op maandag aan de straat. Wij halen het afval middels een "
            "wagen op. Bel ons als het niet lukt. Dan komen wij snel.",
            jargon=JARGON,
        ).verdict.label
        == "Let op"
    )
    assert analyse(f"{LONG_SENTENCE} {LONG_SENTENCE} Kort.").verdict.label == "Moeilijk"
    assert analyse("").verdict is None


@pytest.mark.django_db
def test_the_jargon_list_is_kept_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_cms_jargonterm:add"),
        {"term": "Vigerend beleid", "alternative": "het beleid dat nu geldt"},
    )

    assert response.status_code == 302
    report = analyse("Dit staat in het vigerend  beleid.", jargon=jargon_list())
    assert [(hit.term, hit.alternative) for hit in report.jargon] == [
        ("vigerend beleid", "het beleid dat nu geldt")
    ]


@pytest.mark.django_db
def test_a_first_jargon_list_comes_with_the_site():
    terms = set(JargonTerm.objects.values_list("term", flat=True))

    assert {"conform", "vigerende", "een ieder", "middels", "onverwijld", "teneinde"} <= terms
    assert {"derhalve", "ten behoeve van"} <= terms


@pytest.mark.django_db
def test_panel_shows_the_verdict_jargon_and_passive_voice(rf):
    page = ServicePageFactory.build(
        what="<p>Uw aanvraag wordt onverwijld behandeld.</p>",
    )

    html = render_panel(ServicePage, page, rf)

    assert "Oordeel: " in html
    assert "Let op" in html
    assert "onverwijld" in html
    assert "meteen" in html
    assert "Lijdende vorm" in html


# Live: the panel follows the editor's typing


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def news_form(page, body):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": page.date.isoformat(),
            "summary": page.summary,
            "topic": page.topic,
            "body": rich_text(body),
        }
    )


@pytest.mark.django_db
def test_the_panel_says_where_to_post_the_draft(admin_client):
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=make_home()))

    html = admin_client.get(f"/admin/pages/{news.pk}/edit/").content.decode()

    assert f'data-readability-url="/admin/leesbaarheid/{news.pk}/"' in html
    assert "cms-admin/readability.js" in html


@pytest.mark.django_db
def test_the_draft_is_judged_without_saving_it(admin_client):
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=make_home()))
    revisions = news.revisions.count()

    response = admin_client.post(
        f"/admin/leesbaarheid/{news.pk}/",
        news_form(news, "<p>Het afval wordt middels een wagen opgehaald.</p>"),
    )

    data = response.json()
    assert data["verdict"] == "Let op"
    assert data["level"] == "warning"
    assert "middels" in data["html"]
    assert "Lijdende vorm" in data["html"]
    assert news.revisions.count() == revisions
    assert "middels" not in NewsPage.objects.get(pk=news.pk).body


@pytest.mark.django_db
def test_a_new_page_is_judged_while_typing(admin_client):
    home = make_home()

    response = admin_client.post(
        f"/admin/leesbaarheid/nieuw/cms/contentpage/{home.pk}/",
        nested_form_data(
            {
                "title": "Afval",
                "slug": "afval",
                "summary": "U zet de container op maandag aan de straat.",
                "body": streamfield([]),
            }
        ),
    )

    assert response.json()["verdict"] == "Goed leesbaar (B1)"


@pytest.mark.django_db
def test_the_live_check_needs_permission_to_edit(client):
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=make_home()))
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)

    response = client.post(f"/admin/leesbaarheid/{news.pk}/", news_form(news, "<p>Geheim.</p>"))

    assert response.status_code in (302, 403)
    assert "json" not in response.get("Content-Type", "")


# The approver sees the verdict


@pytest.mark.django_db
def test_the_approver_sees_the_verdict_of_pages_waiting_for_approval(client):
    home = make_home()
    approvers = GroupFactory(name="Nieuws")
    approvers.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(
            group=approvers, page=home, permission_type=permission_type
        )
    task = GroupApprovalTask.objects.create(name="Controle door team Nieuws")
    task.groups.set([approvers])
    workflow = Workflow.objects.create(name="Redactie")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=home, workflow=workflow)
    page = ContentPageFactory(parent=home, title="Afvalpas")
    page.body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": f"<p>Wij handelen conform de regels. {LONG_SENTENCE} {LONG_SENTENCE}</p>",
            }
        ]
    )
    editor = UserFactory(is_staff=True, first_name="Rianne", last_name="Redacteur")
    page.save_revision(user=editor)
    workflow.start(page, editor)
    approver = UserFactory(is_staff=True)
    approver.groups.add(approvers)
    client.force_login(approver)

    html = client.get("/admin/").content.decode()

    assert "Leesbaarheid van pagina's die op uw goedkeuring wachten" in html
    assert "Afvalpas" in html
    assert "Moeilijk" in html
    assert "Rianne Redacteur" in html
