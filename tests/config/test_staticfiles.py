"""Hashed static URLs, worked out once per manifest (config.staticfiles)."""

import json
import re

import pytest

from config.staticfiles import StaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {"paths": {"css/site.css": "css/site.123.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path)


def test_a_url_names_the_hashed_file_every_time(storage):
    assert storage.url("css/site.css") == "/static/css/site.123.css"
    assert storage.url("css/site.css") == "/static/css/site.123.css"


def test_a_new_manifest_gives_the_new_names(storage):
    storage.url("css/site.css")
    storage.hashed_files = {"css/site.css": "css/site.456.css"}  # as collectstatic does

    assert storage.url("css/site.css") == "/static/css/site.456.css"


def test_debug_gives_the_plain_name(storage, settings):
    storage.url("css/site.css")
    settings.DEBUG = True

    assert storage.url("css/site.css") == "/static/css/site.css"


def test_an_unknown_file_is_still_refused(storage):
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        storage.url("css/missing.css")


def test_the_static_tag_names_the_storages_url(storage, monkeypatch):
    # {% load site_static %} is config.static_tags: the link on every page is the storage's hashed
    # URL, as with Django's own tag, also under a name and with the other tags of the library.
    from django.template import engines

    monkeypatch.setattr("config.static_tags.staticfiles_storage", storage)
    template = engines["django"].from_string(
        "{% load site_static %}<link href=\"{% static 'css/site.css' %}\">"
        "{% static 'css/site.css' as css %}[{{ css }}]{% get_static_prefix %}"
    )

    assert (
        template.render()
        == '<link href="/static/css/site.123.css">[/static/css/site.123.css]/static/'
    )


def test_the_sites_templates_load_the_sites_static_tags():
    from pathlib import Path

    from django.conf import settings

    loads = [
        path
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if re.search(r"{% load [^%]*\bstatic\b", path.read_text())
    ]
    assert loads == []


def test_an_unknown_file_in_a_template_is_refused(storage, monkeypatch):
    from django.template import engines

    monkeypatch.setattr("config.static_tags.staticfiles_storage", storage)
    template = engines["django"].from_string("{% load site_static %}{% static 'css/missing.css' %}")

    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        template.render()
