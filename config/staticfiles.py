from django.conf import settings
from django.contrib.staticfiles.apps import StaticFilesConfig
from whitenoise.storage import CompressedManifestStaticFilesStorage


class HogelandStaticFilesConfig(StaticFilesConfig):
    """Collect only the stylesheets of the npm packages, not their sources and build scripts.

    The tokens package ships a CSS file that points at an icon it does not contain, which
    would break the hashed (manifest) storage in production.
    """

    # Patterns are matched against paths inside each source folder, without its prefix.
    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "background-image-icon.css",
        "*.scss",
        "*.d.ts",
    ]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed storage, with each URL worked out once per manifest: every page asks
    for eight of them, and the manifest changes only with a collectstatic."""

    URLS_MAX = 1000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: tuple[dict, dict[str, str]] = (self.hashed_files, {})

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        manifest, urls = self._urls
        if manifest is not self.hashed_files:
            # A collectstatic in this process made a new manifest.
            urls = {}
            self._urls = (self.hashed_files, urls)
        url = urls.get(name)
        if url is None:
            url = super().url(name)
            if len(urls) < self.URLS_MAX:
                urls[name] = url
        return url
