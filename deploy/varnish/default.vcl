vcl 4.1;
# Varnish in front of the Het Hogeland app servers (see docs/deploy.md).
#
# - Keeps what the site marks as shareable (Surrogate-Control: max-age=N, set only on public
#   pages for anonymous visitors) for N seconds; everything else passes.
# - Alerts are an edge-side include (/meldingen/actueel/), cached per page path and per set of
#   hidden alerts for as long as the site says (never past an alert's start or end).
# - A PURGE from the app servers (Wagtail's frontend-cache invalidation, sent on publish,
#   unpublish, move, delete and any other content change) drops every page of that host: a
#   change can alter menus, lists and footers on other pages too.
# - Takes an app server out of rotation while /health/ fails.
# tests/scaleout/test_varnish.py runs this file against the real site.

import std;
import directors;

probe health {
    # As a visitor's request arrives after the TLS proxy: the site's own host name (it must be
    # in ALLOWED_HOSTS) and https, or the site would redirect the probe to https.
    .request =
        "GET /health/ HTTP/1.1"
        "Host: www.hethogeland.nl"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    # A restarted Varnish trusts its backends at once instead of failing for 15 seconds.
    .initial = 3;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = health;
    .first_byte_timeout = 60s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = health;
    .first_byte_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    # Tells the site it may answer with <esi:include> for the alerts.
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("req.http.host == " + req.http.host);
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Logged in, or a message waiting after a form: always a fresh page from the site.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }
    # The site decides what is shareable (Surrogate-Control); cookies of anonymous visitors
    # (hidden alerts, csrftoken) are not part of a page, only of the alerts fragment.
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    if (req.url ~ "^/meldingen/actueel/") {
        # The alerts fragment depends on which alerts this visitor has hidden.
        if (req.http.Cookie ~ "(^|;\s*)verborgen_meldingen=") {
            hash_data(regsub(req.http.Cookie, "^.*?(?:^|;\s*)verborgen_meldingen=([^;]*).*$", "\1"));
        }
    }
    return (lookup);
}

sub vcl_backend_response {
    # Static files (WhiteNoise says "max-age=…, public"): kept as long as they say.
    if (!beresp.http.Surrogate-Control && beresp.http.Cache-Control ~ "public"
            && !beresp.http.Set-Cookie) {
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        set beresp.do_esi = true;
    }
    if (beresp.http.Surrogate-Control ~ "max-age=\d+" && !beresp.http.Set-Cookie) {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=(\d+).*$", "\1") + "s", 0s);
        set beresp.grace = 10s;
    } else {
        # Not marked shareable: never stored, and not retried as a hit-for-miss for 2 minutes.
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    unset beresp.http.Surrogate-Control;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
