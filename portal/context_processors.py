from contacts.selectors import resident_for_user


def portal(request):
    user = getattr(request, "user", None)
    resident = resident_for_user(user) if user is not None else None
    return {"portal_resident": resident}
