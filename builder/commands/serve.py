"""`python -m builder serve [--port N] [--host H] [--base-url URL]`: build, serve, rebuild and reload on change.

Takes: the config. Gives: a local preview at http://HOST:PORT/ (under the site's base
path) of the site built into site/ exactly as `build` writes it. A thread polls the
modification times of content/, layouts/ and config.yaml; on a change it rebuilds, and
pages open in a browser reload themselves (builder/commands/devserver.py adds the live-reload
script to served pages only: the files in site/ never contain a script). A failed rebuild
prints its errors and keeps the last good site. Ctrl-C (or SIGTERM) stops the server and
the watcher and exits 0.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
import threading
import time
from pathlib import Path

from builder.commands.common import command_parser, config_or_report, plural
from builder.config import Config

EPILOG = """examples:
  python -m builder serve                  then open http://127.0.0.1:8000/
  python -m builder serve --port 8080 --host 0.0.0.0   (visible to other machines: take care)
  python -m builder serve --base-url https://USER.github.io/REPO/
                                           preview the project site under /REPO/, as Pages serves it"""

POLL_SECONDS = 0.5
SETTLE_SECONDS = 0.2  # an editor saving several files: wait for the last before rebuilding


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `serve` subcommand on the builder's CLI."""
    parser = command_parser(
        subparsers, "serve", run,
        help="build, serve on localhost, rebuild and reload on every change",
        description="Build the site, serve it on localhost, and rebuild it whenever something "
        "in content/, layouts/ or config.yaml changes; open pages reload themselves. "
        "Stop with Ctrl-C.",
        epilog=EPILOG,
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="port (default: 8000; 0: any free port)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--base-url", metavar="URL",
        help="where the site will be served, overriding config.yaml's base_url as "
        "`build --base-url` does: '/', '/PATH/' or https://USER.github.io/REPO/ "
        "(the preview is then served under that path)",
    )
    parser.add_argument("--out", type=Path, help="output folder (default: from config, 'site')")
    return parser


def run(args: argparse.Namespace) -> int:
    from builder.commands.devserver import Generation, make_server

    from builder.config import check_base_url

    out = args.out.absolute() if args.out else None
    problem = check_base_url(args.base_url) if args.base_url else None
    if problem:
        print(f"--base-url: {problem}", file=sys.stderr)
        return 2
    config = _load(args.config, out, args.base_url)
    if config is None:
        return 2
    generation = Generation()
    try:  # the port first: a busy one is reported at once, not after a whole build
        server = make_server(config.output_dir, config.base_path, generation, args.host, args.port)
    except OSError as err:
        print(
            f"error: cannot listen on {args.host}:{args.port}: {err.strerror or err}"
            " (another server running? try --port 0 for any free port)",
            file=sys.stderr,
        )
        return 2
    try:
        _build(config)
    except KeyboardInterrupt:  # Ctrl-C before serving began: publish is atomic, so stop here
        server.server_close()
        print("stopped", flush=True)
        return 0
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch,
        args=(args.config, out, args.base_url, config, generation, stop),
        name="watcher",
        daemon=True,
    )
    _serve_until_stopped(server, watcher, stop, config.base_path)
    print("stopped", flush=True)
    return 0


def _serve_until_stopped(server, watcher: threading.Thread, stop: threading.Event,
                         base_path: str) -> None:
    """Serve and watch until Ctrl-C or SIGTERM, then shut both down."""
    serving = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="server", daemon=True
    )
    # Ctrl-C and SIGTERM both end the main loop below; set explicitly, since a shell starts
    # background jobs with SIGINT ignored.
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    host, port = server.server_address[:2]
    serving.start()
    watcher.start()
    print(f"serving http://{host}:{port}{base_path} (Ctrl-C to stop)", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        watcher.join(timeout=10)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _watch(
    config_path: Path, out: Path | None, base_url: str | None, config: Config, generation,
    stop: threading.Event,
) -> None:  # type: ignore[no-untyped-def]
    """Poll the watched files; rebuild (and bump the generation) when they change."""
    from builder.commands.devserver import snapshot

    def watched(c: Config) -> list[Path]:
        return [c.content_dir, c.layouts_dir, config_path]

    last = snapshot(watched(config))
    while not stop.wait(POLL_SECONDS):
        now = snapshot(watched(config))
        if now == last:
            continue
        while not stop.wait(SETTLE_SECONDS):  # let a burst of saves finish
            settled = snapshot(watched(config))
            if settled == now:
                break
            now = settled
        changed = sorted(set(now.items()) ^ set(last.items()))
        last = now
        names = sorted({Path(p).name for p, _ in changed})
        print(
            f"changed: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}: rebuilding",
            flush=True,
        )
        fresh = _load(config_path, out, base_url)
        if fresh is None:
            continue  # config errors printed; keep serving the last good site
        config = fresh
        if _build(config):
            generation.bump()


def _load(config_path: Path, out: Path | None, base_url: str | None = None) -> Config | None:
    """config.yaml with the command line's overrides (`--out`, `--base-url`) applied."""
    config = config_or_report(config_path)
    if config is None:
        return None
    changes: dict[str, object] = {"output_dir": out} if out else {}
    if base_url:
        changes["base_url"] = base_url
    return dataclasses.replace(config, **changes) if changes else config


def _build(config: Config) -> bool:
    from builder.build.pipeline import build
    from builder.model import in_file_order

    started = time.strftime("%H:%M:%S")
    result = build(config, drafts=True)  # drafts shown, marked, as `hugo server -D` does
    for diagnostic in sorted(result.diagnostics.items, key=in_file_order):
        print(diagnostic, file=sys.stderr, flush=True)
    if result.published:
        print(
            f"{started} built {plural(len(result.stories), 'story')} (drafts included, marked) "
            f"into {config.output_dir} in {result.seconds:.2f} s",
            flush=True,
        )
        if result.held:
            print(f"not shown: {', '.join(map(str, result.held))}", flush=True)
    else:
        print(
            f"{started} build failed: {plural(len(result.diagnostics.errors), 'error')}; "
            "still serving the last good site",
            file=sys.stderr,
            flush=True,
        )
    return result.published
