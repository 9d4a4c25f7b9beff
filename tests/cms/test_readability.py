import json

import pytest

from cms.models import ContentPage, ServicePage
from cms.readability import ReadabilityPanel, analyse, analyse_page, html_to_text, split_sentences
from tests.cms.factories import ContentPageFactory, ServicePageFactory, make_home
from tests.contacts.factories import UserFactory

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
