# Each back-office feature registers its own hooks in its own module.
from contacts.backoffice import dashboard_hooks, registration_hooks  # noqa: F401
