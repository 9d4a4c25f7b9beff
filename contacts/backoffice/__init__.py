"""The staff back office in the Wagtail admin: registering contacts, tasks, dashboards."""
