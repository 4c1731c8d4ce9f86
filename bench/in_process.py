"""Milliseconds of CPU per request, served in process through the WSGI handler.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.in_process URL...

No HTTP server and no load generator share the CPU, so on a small, busy
machine these figures are steadier than wrk's. Prints one line per URL:
the fastest of several rounds (the one least disturbed), in milliseconds.
"""

import io
import sys
import time

import django


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }


def main(paths: list[str], rounds: int = 7, budget: float = 0.5) -> None:
    django.setup()
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    def get(path: str) -> None:
        statuses = []
        response = application(
            environ(path), lambda status, *_: statuses.append(status)
        )
        b"".join(response)
        response.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path}: {statuses[0]}")

    # As many requests per round as fit in about half a second.
    counts = {}
    for path in paths:
        get(path)
        start = time.process_time()
        get(path)
        counts[path] = max(5, int(budget / max(time.process_time() - start, 1e-5)))
    best = dict.fromkeys(paths, float("inf"))
    for _ in range(rounds):
        for path in paths:
            start = time.process_time()
            for _ in range(counts[path]):
                get(path)
            took = (time.process_time() - start) / counts[path] * 1000
            best[path] = min(best[path], took)
    for path in paths:
        print(path, f"{best[path]:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
