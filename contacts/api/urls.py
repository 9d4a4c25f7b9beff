from contacts.api.views import api

# Ninja reverses its own views (the docs find openapi.json) in the API's namespace.
app_name = api.urls_namespace
urlpatterns = api.urls[0]
