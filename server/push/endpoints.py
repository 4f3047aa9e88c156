"""Which push endpoints we POST to: the browsers' push services, and nothing else (a stored
endpoint is a URL the server requests, so an open list would be a server-side request forgery)."""

import re
from urllib.parse import urlsplit

# Google FCM (Chrome, Android, Edge on Android), Mozilla autopush (Firefox), Microsoft WNS
# (Edge on Windows), Apple (Safari, iOS/iPadOS home-screen apps).
KNOWN_SERVICES = (
    ("fcm.googleapis.com", "Google"),
    ("push.services.mozilla.com", "Mozilla"),
    ("notify.windows.com", "Microsoft"),
    ("push.apple.com", "Apple"),
)


# A host name as DNS writes it (letters, digits, hyphens, dots) or a dotted IPv4 address: what
# the sender will connect to exactly as it is written. Anything else (a backslash, %2F, an
# encoded or Unicode name) may be read as another host by another URL parser.
LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
PLAIN_HOST = re.compile(rf"{LABEL}(\.{LABEL})*")
PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]+")


class EndpointRefused(ValueError):
    pass


def _matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def service_of(endpoint: str, extra_hosts=()) -> str:
    """The push service's name, or EndpointRefused saying why the endpoint is not accepted.

    Known services only over https on the default port. `extra_hosts` (configuration, for tests
    and self-hosted push services) are "host" or "host:port" and may use http."""
    if not PRINTABLE_ASCII.fullmatch(endpoint) or "\\" in endpoint:
        raise EndpointRefused("This is not a valid URL.")
    try:
        parts = urlsplit(endpoint)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        raise EndpointRefused("This is not a valid URL.") from None
    if parts.username is not None or parts.password is not None or not host:
        raise EndpointRefused("This is not a push service URL.")
    written = parts.netloc.lower()
    if not PLAIN_HOST.fullmatch(host) or written not in (host, f"{host}:{port}"):
        raise EndpointRefused("The push service's host name is not written plainly.")
    for entry in extra_hosts:
        entry_host, _, entry_port = entry.strip().lower().partition(":")
        if host == entry_host and (not entry_port or str(port) == entry_port) \
                and parts.scheme in ("http", "https"):
            return "Test push service"
    if parts.scheme != "https" or port not in (None, 443):
        raise EndpointRefused("Push endpoints must be https URLs of a known push service.")
    for domain, name in KNOWN_SERVICES:
        if _matches(host, domain):
            return name
    raise EndpointRefused("Only the push services of Google (FCM), Mozilla, Microsoft (Windows) "
                          "and Apple are accepted.")


def origin_of(endpoint: str) -> str:
    """scheme://host[:port], the `aud` of the VAPID token for this endpoint."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"
