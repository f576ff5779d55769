"""The site's address: bound and listening before anything slow, or a Danish line saying why not.

`serve` binds every address of the host first, so a port in use, a host that cannot be used
or a port that needs privileges is reported before a long index build, not after it. The
sockets are bound once, here, and shared by every worker (`webui.workers`).
"""

from __future__ import annotations

import errno
import socket

from indexer.extract import os_error_text
from indexer.progress import printable

from .serve_error import ServeError


def listen(host: str, port: int) -> list[socket.socket]:
    """Bound, listening sockets for every address of `host` (as waitress binds them).

    A port in use, a host that is no address of this machine or cannot be resolved, a port
    that needs privileges: `ServeError` with the reason in Danish."""
    sockets: list[socket.socket] = []
    seen = set()
    try:
        try:
            addresses = socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
        except socket.gaierror as error:
            reason = _HOST_REASONS.get(error.errno, error.strerror or str(error))
            raise ServeError(f"værten «{printable(host)}» kan ikke bruges: {reason} (vælg en anden med --host).") from None
        except (UnicodeError, ValueError):  # a label over 63 characters, a NUL …
            raise ServeError(f"værten «{printable(host)}» kan ikke bruges: ikke et gyldigt navn eller en gyldig adresse "
                             "(vælg en anden med --host).") from None
        for family, kind, proto, _name, address in addresses:
            if (family, address) in seen:
                continue
            seen.add((family, address))
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as error:
                raise ServeError(_bind_failure(host, port, error)) from None
            sock.listen(1024)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


_HOST_REASONS = {
    socket.EAI_NONAME: "navnet eller adressen kendes ikke",
    getattr(socket, "EAI_NODATA", socket.EAI_NONAME): "navnet har ingen adresse",
    socket.EAI_AGAIN: "navnet kunne ikke slås op lige nu (prøv igen)",
    socket.EAI_FAIL: "navnet kunne ikke slås op",
    socket.EAI_FAMILY: "adressetypen understøttes ikke",
}


def _bind_failure(host: str, port: int, error: OSError) -> str:
    """Why binding `host`:`port` failed, in one Danish line."""
    if error.errno == errno.EADDRINUSE:
        return f"port {port} er allerede i brug (vælg en anden med --port)."
    if error.errno == errno.EACCES:
        return f"port {port} kræver særlige rettigheder (vælg en port over 1023 med --port)."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"værten «{printable(host)}» kan ikke bruges: den er ikke en adresse på denne maskine (vælg en anden med --host)."
    return f"kan ikke lytte på {printable(host)}:{port}: {os_error_text(error)}."
