from django.contrib.staticfiles.apps import StaticFilesConfig


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
