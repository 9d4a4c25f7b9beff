import re

from forms_app.constants import CHECK_STEP

PREFIX_RE = re.compile(r'name="(form-\d+)-current_step"')
ACTION_RE = re.compile(r'<form method="post" action="([^"]+)" novalidate')


class Wizard:
    """Fill in a form page the way a browser would: GET the form, POST each step to the form's
    action, follow."""

    def __init__(self, client, page):
        self.client, self.page = client, page
        self.response = client.get(page.url, follow=True)
        self._prefix = None

    @property
    def content(self):
        return self.response.content.decode()

    @property
    def url(self):
        return self.response.wsgi_request.path

    @property
    def action(self):
        """Where the step's form posts to: its step URL, also when shown at the form's URL."""
        match = ACTION_RE.search(self.content)
        return match.group(1) if match else self.url

    @property
    def prefix(self):
        match = PREFIX_RE.search(self.content)
        if match:
            self._prefix = match.group(1)
        return self._prefix or f"form-{self.page.pk}"

    def step_url(self, key):
        return f"{self.page.url}stap/{key}/"

    def names(self):
        """The input names of the current step, in order."""
        return list(
            dict.fromkeys(
                re.findall(r'name="(s_[0-9a-f]+-v_[0-9a-f]+(?:_[a-z0-9]+)?)"', self.content)
            )
        )

    def post(self, data, url=None, follow=True, **extra):
        url = url or self.action
        step = url.rstrip("/").rsplit("/", 1)[-1]
        payload = {f"{self.prefix}-current_step": step, **data}
        self.response = self.client.post(url, payload, follow=follow, **extra)
        return self.response

    def answer(self, *values, follow=True):
        """Post the current step with the values for its inputs in order."""
        return self.post(dict(zip(self.names(), values, strict=False)), follow=follow)

    def key(self):
        return re.search(r'name="controleren-idempotency_key" value="([^"]+)"', self.content).group(
            1
        )

    def submit(self, key=None, follow=False, **data):
        return self.post(
            {f"{CHECK_STEP}-idempotency_key": key or self.key(), **data},
            url=self.step_url(CHECK_STEP),
            follow=follow,
        )
