"""`broadsheet serve`'s start-up work: the nginx front's configuration and the worker count."""

from broadsheet.cli import front
from broadsheet.cli.management.commands.serve import default_workers


def test_the_front_keeps_nothing_for_signed_in_readers_and_asks_the_app_what_to_keep(settings, tmp_path):
    settings.FRONT_CACHE_DIR = tmp_path / "front"
    (settings.FRONT_CACHE_DIR / "cache" / "a").mkdir(parents=True)
    (settings.FRONT_CACHE_DIR / "cache" / "a" / "old").write_text("left from an earlier run")
    conf = front.prepare(listen="127.0.0.1:8000", app_port=9000, session_cookie="sessionid", workers=2).read_text()
    assert "proxy_cache_bypass $cookie_sessionid;" in conf and "proxy_no_cache $cookie_sessionid;" in conf
    assert "proxy_ignore_headers Cache-Control Expires Vary;" in conf  # only X-Accel-Expires decides
    assert 'proxy_set_header X-Front-Cache-Key "$scheme$host$request_uri";' in conf
    assert 'proxy_cache_key "$scheme$host$request_uri";' in conf
    assert "server 127.0.0.1:9000;" in conf and "listen 127.0.0.1:8000;" in conf
    assert not (settings.FRONT_CACHE_DIR / "cache" / "a" / "old").exists()  # purges missed while down


def test_one_worker_per_core_plus_one(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert default_workers() == 3
