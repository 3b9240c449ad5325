"""Serving the app gallery with Voilà, for a laptop or a meetup's local network.

Voilà runs standalone on notebooks/apps/ with code stripped, a kernel started for each page
(so that it knows the visitor's autosave key), idle kernels culled, and execute requests from
browsers refused (Voilà's default).
The kit adds a static landing page at ``/`` and, with ``--lan``, an access token: every
request, static files and websockets included, must carry the token (in the link, then
as a cookie), or it gets a 403.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import socket
import webbrowser
from dataclasses import dataclass, field

import tornado.web
from traitlets.config import Config
from voila.app import Voila

from spark_kit.apps.autosave import KEY_PATTERN, VISITOR_HEADER, AutosaveStore
from spark_kit.apps.gallery import render_gallery
from spark_kit.i18n import ENV_VAR, resolve_lang, t
from spark_kit.paths import APPS_DIR

COOKIE = "spark_kit_access"
VISITOR_COOKIE = "spark_kit_visitor"
VISITOR_DAYS = 365
HEALTH_PATH = "/spark-kit/health"
CULL_IDLE_SECONDS = 300  # a closed tab's kernel (~115 MiB) goes after 5 minutes
CULL_INTERVAL_SECONDS = 60
CULL_ENV = "SPARK_KIT_CULL_IDLE_SECONDS"  # for tests and unusual venues: another idle limit
CELL_TIMEOUT_SECONDS = 60
# An upload reaches the kernel as one websocket message. Above tornado's 10 MiB default the
# connection would simply drop; with room to spare the kernel gets the file and refuses it
# with a message (the workbook reader's own limit is 10 MB).
WEBSOCKET_MAX_MESSAGE_BYTES = 64 * 1024 * 1024


@dataclass
class ServeOptions:
    port: int = 8866
    lan: bool = False
    lang: str = "sv"
    open_browser: bool = True
    pool_size: int = 0  # kernels per app started in advance (0: each page starts its own)
    token: str = field(default="")
    root_dir: str = str(APPS_DIR)

    @property
    def ip(self) -> str:
        return "0.0.0.0" if self.lan else "127.0.0.1"


def new_token() -> str:
    return secrets.token_urlsafe(16)


def voila_config(options: ServeOptions) -> Config:
    config = Config()
    config.Voila.ip = options.ip
    config.Voila.port = options.port
    config.Voila.port_retries = 0
    config.Voila.open_browser = False
    config.Voila.root_dir = options.root_dir
    config.VoilaConfiguration.show_tracebacks = False
    config.VoilaConfiguration.strip_sources = True
    config.VoilaConfiguration.preheat_kernel = options.pool_size > 0
    config.VoilaConfiguration.default_pool_size = options.pool_size
    # The visitor's autosave key reaches the app's kernel as HTTP_X_SPARK_VISITOR.
    config.VoilaConfiguration.http_header_envs = [VISITOR_HEADER]
    config.VoilaExecutor.timeout = CELL_TIMEOUT_SECONDS
    idle = int(os.environ.get(CULL_ENV) or CULL_IDLE_SECONDS)
    config.MappingKernelManager.cull_idle_timeout = idle
    config.MappingKernelManager.cull_interval = min(CULL_INTERVAL_SECONDS, max(1, idle // 2))
    return config


def _cookie_value(token: str) -> str:
    return hmac.new(token.encode(), b"spark-kit-access", hashlib.sha256).hexdigest()


def request_allowed(request, token: str) -> bool:
    """True when no token is set, or the request carries it (query) or its cookie."""
    if not token:
        return True
    offered = request.query_arguments.get("token", [b""])[0].decode(errors="ignore")
    if offered and hmac.compare_digest(offered, token):
        return True
    cookie = request.cookies.get(COOKIE)
    return bool(cookie) and hmac.compare_digest(cookie.value, _cookie_value(token))


class DeniedHandler(tornado.web.RequestHandler):
    def initialize(self, lang: str):
        self.lang = lang

    def prepare(self):
        self.set_status(403)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        message = f"{t('gallery.denied', 'sv')}<br><br>{t('gallery.denied', 'en')}"
        self.finish(f'<!DOCTYPE html><html lang="sv"><meta charset="utf-8"><p>{message}</p></html>')


CDN_STYLESHEETS = re.compile(
    rb'<link rel="stylesheet" href="https://cdn\.jsdelivr\.net/[^"]*" type="text/css" />'
)


class StripCdnStylesheets(tornado.web.OutputTransform):
    """Drop the icon stylesheets Voilà's template loads from a CDN.

    Offline (a village hall), a stylesheet that cannot load can hold up the page until
    the lookup times out; the apps use no icons, so the links are simply removed.
    """

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        self.active = "text/html" in headers.get("Content-Type", "")
        if self.active:
            chunk = CDN_STYLESHEETS.sub(b"", chunk)
            if "Content-Length" in headers:
                headers["Content-Length"] = str(len(chunk))
        return status_code, headers, chunk

    def transform_chunk(self, chunk, finishing):
        return CDN_STYLESHEETS.sub(b"", chunk) if self.active else chunk


class VisitorKey(tornado.web.OutputTransform):
    """Give each browser its own autosave key: 128 random bits in an HttpOnly cookie.

    On an app page the key (the cookie's, or a new one) is put into the request as
    ``X-Spark-Visitor`` — replacing any such header the browser sent — for Voilà to hand to
    the app's kernel; a new key is set as the cookie in the response. Page scripts cannot
    read the cookie, and nobody can open another browser's work without its key.
    """

    def __init__(self, request):
        super().__init__(request)
        self.new_key = ""
        if "/voila/render/" not in request.path:
            return
        cookie = request.cookies.get(VISITOR_COOKIE)
        key = cookie.value if cookie is not None else ""
        if not KEY_PATTERN.fullmatch(key):
            key = self.new_key = secrets.token_hex(16)
        request.headers[VISITOR_HEADER] = key

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if self.new_key:
            headers.add(
                "Set-Cookie",
                f"{VISITOR_COOKIE}={self.new_key}; Path=/; Max-Age={VISITOR_DAYS * 86_400}; "
                "HttpOnly; SameSite=Lax",
            )
        return status_code, headers, chunk


LOOPBACK = {"127.0.0.1", "::1"}


class GatedApplication(tornado.web.Application):
    """A tornado application that refuses every request without the access token."""

    def __init__(self, *args, access_token: str = "", lang: str = "sv", **kwargs):
        super().__init__(*args, **kwargs)
        self.transforms.append(StripCdnStylesheets)
        self.transforms.append(VisitorKey)
        self.access_token = access_token
        self.lang = lang

    def find_handler(self, request, **kwargs):
        # A pre-started kernel asks Voilà for its page request's details over loopback.
        kernel_asks = request.path.startswith("/voila/query/") and request.remote_ip in LOOPBACK
        if not kernel_asks and not request_allowed(request, self.access_token):
            return self.get_handler_delegate(request, DeniedHandler, {"lang": self.lang})
        return super().find_handler(request, **kwargs)


class GalleryHandler(tornado.web.RequestHandler):
    def initialize(self, lang: str, access_token: str):
        self.default_lang = lang
        self.access_token = access_token

    def get(self):
        if self.access_token:
            self.set_cookie(COOKIE, _cookie_value(self.access_token), httponly=True, samesite="Lax")
        lang = self.get_query_argument("lang", self.default_lang)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_gallery(lang))


class HealthHandler(tornado.web.RequestHandler):
    def get(self):
        self.finish("ok")


class SparkVoila(Voila):
    """Voilà with the gallery page at ``/``, a health check and the access-token gate."""

    access_token = ""
    gallery_lang = "sv"

    def init_handlers(self):
        options = {"lang": self.gallery_lang, "access_token": self.access_token}
        own = [
            (self.server_url.rstrip("/") + "/", GalleryHandler, options),
            (self.server_url.rstrip("/") + HEALTH_PATH, HealthHandler),
        ]
        return own + super().init_handlers()

    def start(self):
        # As Voila.start, with the gated application; the cookie set by the gallery
        # page (or the token in any URL) lets the browser through.
        import tempfile

        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = GatedApplication(
            access_token=self.access_token, lang=self.gallery_lang, **settings
        )
        self.app.settings.update(self.tornado_settings)
        self.app.settings["websocket_max_message_size"] = WEBSOCKET_MAX_MESSAGE_BYTES
        self.app.add_handlers(".*$", self.init_handlers())
        self.listen()


def port_free(ip: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


def serve(options: ServeOptions, url_to_open: str | None = None) -> None:
    """Run the gallery until interrupted (blocks)."""
    os.environ[ENV_VAR] = resolve_lang(options.lang)
    os.environ.setdefault("MPLBACKEND", "Agg")
    AutosaveStore().purge()  # visitors' autosaves untouched for 30 days go
    SparkVoila.access_token = options.token
    SparkVoila.gallery_lang = resolve_lang(options.lang)
    app = SparkVoila(config=voila_config(options))
    app.initialize([options.root_dir])
    if options.open_browser and url_to_open:
        import tornado.ioloop

        tornado.ioloop.IOLoop.current().call_later(1.5, webbrowser.open, url_to_open)
    app.start()
