"""`make bench` (bench/load.py): production's settings, plus the two floor views that every
figure is compared with (config/bench_floor.py). Never used to serve the site."""

from .production import *  # noqa: F403

BENCH_FLOOR_VIEWS = True
