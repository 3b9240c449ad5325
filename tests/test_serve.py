"""The Voilà launch settings and the access-token gate (without starting a server)."""

from __future__ import annotations

from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from spark_kit.apps.gallery import render_gallery
from spark_kit.serve import (
    COOKIE,
    ServeOptions,
    _cookie_value,
    request_allowed,
    voila_config,
)


def request(uri: str, cookie: str = "") -> HTTPServerRequest:
    headers = HTTPHeaders({"Host": "127.0.0.1:8866", **({"Cookie": cookie} if cookie else {})})
    start_line = RequestStartLine("GET", uri, "HTTP/1.1")
    return HTTPServerRequest(headers=headers, start_line=start_line)


def test_localhost_by_default_and_all_interfaces_only_with_lan():
    assert ServeOptions().ip == "127.0.0.1"
    assert ServeOptions(lan=True).ip == "0.0.0.0"


def test_voila_runs_code_stripped_preheated_and_culls_idle_kernels():
    config = voila_config(ServeOptions(port=9000))
    assert config.Voila.port == 9000 and config.Voila.ip == "127.0.0.1"
    assert config.VoilaConfiguration.strip_sources is True
    assert config.VoilaConfiguration.show_tracebacks is False
    assert config.VoilaConfiguration.preheat_kernel is True
    assert config.MappingKernelManager.cull_idle_timeout > 0
    assert config.MappingKernelManager.cull_interval > 0


def test_without_a_token_everything_is_allowed():
    assert request_allowed(request("/voila/render/effektlogik.ipynb"), "")


def test_with_a_token_only_the_token_or_its_cookie_gets_in():
    token = "hemligt-token"
    assert not request_allowed(request("/"), token)
    assert not request_allowed(request("/voila/static/x.js"), token)
    assert not request_allowed(request("/?token=fel"), token)
    assert not request_allowed(request("/", cookie=f"{COOKIE}=fel"), token)
    assert request_allowed(request(f"/?token={token}"), token)
    assert request_allowed(
        request("/api/kernels/x/channels", cookie=f"{COOKIE}={_cookie_value(token)}"), token
    )


def test_gallery_lists_the_apps_in_both_languages():
    sv, en = render_gallery("sv"), render_gallery("en")
    assert '<html lang="sv">' in sv and 'href="/voila/render/effektlogik.ipynb"' in sv
    assert "Effektlogik" in sv and "Logic model" in en


def test_cdn_stylesheets_are_dropped_from_html_pages_only():
    from spark_kit.serve import StripCdnStylesheets

    link = (
        b'<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@fortawesome/'
        b'fontawesome-free@^5/css/all.min.css" type="text/css" />'
    )
    page = b"<head>" + link + b"<title>x</title></head>"
    transform = StripCdnStylesheets(None)
    headers = HTTPHeaders({"Content-Type": "text/html; charset=UTF-8", "Content-Length": "99"})
    _, headers, chunk = transform.transform_first_chunk(200, headers, page, True)
    assert chunk == b"<head><title>x</title></head>"
    assert headers["Content-Length"] == str(len(chunk))
    assert transform.transform_chunk(page, True) == b"<head><title>x</title></head>"
    script = StripCdnStylesheets(None)
    js = HTTPHeaders({"Content-Type": "application/javascript"})
    assert script.transform_first_chunk(200, js, page, True)[2] == page
