"""Waiting for the admin's fade-ins to end, so axe-core sees the final colours."""


def settled(page):
    """Polled with evaluate(): the admin's CSP forbids the eval() that wait_for_function()
    needs."""
    page.wait_for_load_state("networkidle")
    for _ in range(50):
        if page.evaluate("() => document.getAnimations().every(a => a.playState !== 'running')"):
            break
        page.wait_for_timeout(100)
    return page
