"""The Voilà launch settings and the access-token gate (without starting a server)."""

from __future__ import annotations

import re

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


def test_voila_runs_code_stripped_a_kernel_per_page_and_culls_idle_kernels():
    config = voila_config(ServeOptions(port=9000))
    assert config.Voila.port == 9000 and config.Voila.ip == "127.0.0.1"
    assert config.VoilaConfiguration.strip_sources is True
    assert config.VoilaConfiguration.show_tracebacks is False
    # each page's kernel starts with its request, so it knows the visitor's autosave key
    assert config.VoilaConfiguration.preheat_kernel is False
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


APP_PAGE = "/voila/render/effektlogik.ipynb"


def test_a_browser_without_a_key_gets_one_in_an_http_only_cookie():
    from spark_kit.serve import VISITOR_COOKIE, VISITOR_HEADER, VisitorKey

    page = request(APP_PAGE)
    transform = VisitorKey(page)
    key = page.headers[VISITOR_HEADER]
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    _, headers, _ = transform.transform_first_chunk(200, HTTPHeaders(), b"", True)
    cookie = headers["Set-Cookie"]
    assert cookie.startswith(f"{VISITOR_COOKIE}={key};")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert request(APP_PAGE).headers.get(VISITOR_HEADER) is None  # untouched until seen
    other = request(APP_PAGE)
    VisitorKey(other)
    assert other.headers[VISITOR_HEADER] != key  # every browser its own key


def test_a_known_key_is_passed_on_and_a_forged_header_is_replaced():
    from spark_kit.serve import VISITOR_COOKIE, VISITOR_HEADER, VisitorKey

    key = "0123456789abcdef0123456789abcdef"
    page = request(APP_PAGE, cookie=f"{VISITOR_COOKIE}={key}")
    page.headers[VISITOR_HEADER] = "fedcba9876543210fedcba9876543210"  # sent by the browser
    transform = VisitorKey(page)
    assert page.headers[VISITOR_HEADER] == key
    _, headers, _ = transform.transform_first_chunk(200, HTTPHeaders(), b"", True)
    assert "Set-Cookie" not in headers
    static = request("/voila/static/voila.js")
    VisitorKey(static)
    assert VISITOR_HEADER not in static.headers


def test_voila_hands_the_key_header_to_the_kernel():
    from spark_kit.serve import VISITOR_HEADER

    assert voila_config(ServeOptions()).VoilaConfiguration.http_header_envs == [VISITOR_HEADER]
