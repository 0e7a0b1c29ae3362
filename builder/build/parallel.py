"""Load, clean and merge story folders, in this process or across worker processes; and
render many cached stories across worker processes.

Takes: the story folders to build, the `Config`, and a number of jobs. Gives: for each
folder, in the order given, its `Story` (or None when it was skipped) and the diagnostics
its build gave, in the order a one-process build gives them. `render_cached` gives, for
each cached story key, its rendered page and story.json (or None: the caller renders
that one itself, and reports whatever went wrong). Workers never share a
`Diagnostics`: each story's are collected apart and handed back with it, so the output and
the diagnostics do not depend on how many jobs ran or which finished first.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jinja2

from builder.build.cache import Cache
from builder.build.story import RuleLoader, StoryBuild, build_story
from builder.clean import RuleSet, load_rules
from builder.config import Config
from builder.model import Diagnostic, OutputFile, Story
from builder.render import SiteContext, render_story, story_environment
from builder.render.view import story_view

# What a worker sends back of a story: the articles stay in the worker (only `check`
# needs them, and it builds in one process).
Outcome = tuple[Story | None, tuple[Diagnostic, ...]]
MIN_PER_WORKER = 4  # fewer stories than this per worker: a pool costs more than it saves

_worker: tuple[Config, RuleSet] | None = None  # set once per worker process, by _init
_renderer: tuple[jinja2.Environment, Path, Config] | None = None  # set per worker, by _init_render
RENDER_POOL_MIN = 64  # fewer pages than this to render: a pool costs more than it saves


# CPython runs its cycle collector every 700 net new container objects. A build makes
# millions of short-lived ones (parse trees, sentence features, template contexts) and
# next to no garbage cycles, so at that pace the collector walks the young objects some
# twenty times per story and finds nothing: about 3% of a cold build's CPU
# (bench/RESULTS.md). A larger first threshold still collects, just less often.
BUILD_GC_THRESHOLD = (20_000, 20, 20)


def build_process_gc() -> None:
    """Collect cycles less often in a process that is about to build (the CLI's, and
    every worker's: they set it again, as a worker started by spawn does not inherit it)."""
    gc.set_threshold(*BUILD_GC_THRESHOLD)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_stories(
    folders: Sequence[Path], config: Config, rules: RuleLoader, jobs: int,
    done: Callable[[int], None] | None = None,
) -> Iterator[Outcome]:
    """Outcomes in the order of `folders`; `done(n)` after each `n` finished. The rules
    are compiled here only when the stories are built in this process."""
    workers = min(jobs, len(folders) // MIN_PER_WORKER)
    if workers <= 1:
        for folder in folders:
            yield _outcome(build_story(folder, config, rules.rules))
            if done:
                done(1)
        return
    # A forked worker starts with what this process holds: the rules compiled and the
    # merge imported here once, not again in every worker (~0.2 s of CPU each). A worker
    # started otherwise (spawn) compiles its own.
    inherited = None
    if multiprocessing.get_start_method() == "fork":
        import builder.merge  # noqa: F401  (imported for the workers)

        inherited = rules.rules
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(config, inherited)) as pool:
        for outcome in pool.map(_run, folders, chunksize=_chunksize(len(folders), workers)):
            yield outcome
            if done:
                done(1)


def _chunksize(items: int, workers: int) -> int:
    """Items handed to a worker at a time: about eight chunks a worker (so a slow one
    evens out), at most 4: the last chunks decide when the build ends, and a worker left
    idle while the other finishes a chunk of 16 stories wasted ~0.25 s of a core."""
    return max(1, min(4, items // (workers * 8)))


def _init(config: Config, rules: RuleSet | None = None) -> None:
    global _worker
    build_process_gc()
    _worker = (config, rules if rules is not None else load_rules(config.disable_rules,
                                                                   config.extra_rules))


def _run(folder: Path) -> Outcome:
    assert _worker is not None
    return _outcome(build_story(folder, *_worker))


def _outcome(built: StoryBuild) -> Outcome:
    return built.story, built.diagnostics


def render_cached(
    keys: Sequence[str], config: Config, site: SiteContext, cache_folder: Path, jobs: int,
) -> Iterator[list[OutputFile] | None]:
    """The page and story.json of each story stored in the cache under `keys`, in order,
    rendered by `jobs` worker processes (a template change re-renders every page)."""
    workers = max(1, min(jobs, len(keys) // MIN_PER_WORKER))
    with ProcessPoolExecutor(workers, initializer=_init_render,
                             initargs=(config, site, cache_folder)) as pool:
        yield from pool.map(_render_one, keys, chunksize=_chunksize(len(keys), workers))


def _init_render(config: Config, site: SiteContext, folder: Path) -> None:
    global _renderer
    build_process_gc()
    _renderer = (story_environment(config, site), folder, config)


def _render_one(key: str) -> list[OutputFile] | None:
    assert _renderer is not None
    env, folder, config = _renderer
    try:
        return render_story(env, story_view(Cache(folder).load(key)), config)
    except (ValueError, OSError, jinja2.TemplateError):
        return None  # the parent renders it again, and reports the error where builds do

