"""Settings for the whole test suite."""

from hypothesis import settings

# Property tests check behaviour, never speed (timings live in benchmarks/): a busy 2-core CI
# machine must not turn a slow example into a failure.
settings.register_profile("factbot", deadline=None)
settings.load_profile("factbot")
