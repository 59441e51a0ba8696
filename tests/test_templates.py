"""Templates are compiled once per process, not on every render."""

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader


def test_the_cached_template_loader_wraps_every_loader():
    engine = engines["django"].engine
    assert len(engine.template_loaders) == 1
    assert isinstance(engine.template_loaders[0], CachedLoader)
    assert engine.get_template("base.html") is engine.get_template("base.html")
