"""The PDF documents of a case — the receipt of a submission and the decision — and how anyone
checks one is genuine (reference + verification code, printed with a QR code).

Rendering uses WeasyPrint with a print stylesheet of its own (templates/pdf/print.css) and the
Marianne font from django-dsfr's static files; nothing is fetched from the network. WeasyPrint
is imported lazily (the web process never renders) and its font configuration and parsed
stylesheet are built once per process (see `prepare`, called at worker start by tasks.py).

One document per (case, kind, case version): the database holds it (a unique constraint), and
`make_receipt` / `make_decision` return the existing document instead of rendering twice.
"""

import atexit
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from .constants import DECIDED_KINDS, DocumentKind
from .language import language_of
from .models import CaseEvent, Document
from .registry import registry
from .transitions import state_of, statuses_of_kind

logger = logging.getLogger(__name__)

STYLESHEET = settings.BASE_DIR / "templates" / "pdf" / "print.css"
FONT = "dsfr/dist/fonts/Marianne-Regular.woff2"  # its folder holds the other weights


@dataclass(frozen=True)
class Engine:
    html: type
    stylesheet: object
    font_config: object
    url_fetcher: object


@cache
def _engine():
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fonts = Path(finders.find(FONT)).parent

    class LocalFetcher(URLFetcher):
        """Only the font folder and data: URLs; anything else (http, other files) fails."""

        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not path.is_relative_to(fonts):
                    raise ValueError(f"Not a local resource of the documents: {url}")
            elif not url.startswith("data:"):
                raise ValueError(f"No network access while rendering: {url}")
            return super().fetch(url, headers)

    fetcher = LocalFetcher(allowed_protocols=("file", "data"))
    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(filename=str(STYLESHEET), base_url=fonts.as_uri() + "/",
                                url_fetcher=fetcher, font_config=font_config)
    return Engine(weasyprint.HTML, stylesheet, font_config, fetcher)


def prepare():
    """Build this process's font configuration and stylesheet (a forked worker gets its own)."""
    release()
    _engine()


def release():
    """Drop them, which deletes the font configuration's temporary folder."""
    _engine.cache_clear()


atexit.register(release)  # while the modules its cleanup needs are still there


def render_pdf(template, context):
    engine = _engine()
    html = render_to_string(template, context)

    def write_pdf():
        return engine.html(string=html, url_fetcher=engine.url_fetcher).write_pdf(
            stylesheets=[engine.stylesheet], font_config=engine.font_config)

    # In a thread of its own, WeasyPrint's deep layout recursion starts from an empty Python
    # stack. From a Celery task's deep stack it crossed a boundary of CPython's 16 KB
    # frame-stack chunks hundreds of times a receipt, and CPython without the fix of
    # python/cpython#142183 (3.11 and 3.12 among them) maps and unmaps a chunk at each
    # crossing: 640 page faults and 15 % more time a receipt, measured in a worker.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="weasyprint") as layout:
        return layout.submit(write_pdf).result()


# --- what the documents say ---

def verification_url(reference="", code=""):
    url = settings.SITE_URL + reverse("procedures:verify")
    return f"{url}?{urlencode({'reference': reference, 'code': code})}" if reference else url


def qr_code(url):
    """A QR code as a one-pixel-per-module PNG data URI, printed unsmoothed (the stylesheet's
    `image-rendering: pixelated`): sharp, and cheaper to render than an SVG path. The mask is
    fixed: choosing the best of the eight took three quarters of the QR code's time, for no
    gain on a crisp print."""
    return segno.make(url, error="m", mask=4).png_data_uri(scale=1, border=0)


def _verification_context(case, code):
    return {
        "code": code,
        "qr_code": qr_code(verification_url(case.reference, code)),
        "verify_page": verification_url(),
    }


def render_details(details, context):
    """A procedure's part of a document ({"template": …, "context": {…}} or None), as HTML."""
    if not details:
        return None
    return mark_safe(render_to_string(details["template"],
                                      {**context, **details.get("context", {})}))


def render_receipt_pdf(case, code):
    """The receipt of a submitted case, in the applicant's language."""
    procedure = case.procedure_obj
    with translation.override(language_of(case.applicant)):
        return render_pdf("pdf/receipt.html", {
            "case": case, "procedure": procedure, "summary": procedure.summarise(case.answers),
            "computed_summary": procedure.computed_summary(case.computed) if case.computed
            else [],
            "details": render_details(procedure.receipt_details(case),
                                      {"case": case, "procedure": procedure}),
            **_verification_context(case, code),
        })


def render_decision_pdf(case, event, code):
    """The decision recorded by `event`, its motivation, and what the procedure adds
    (Procedure.decision_details)."""
    procedure = case.procedure_obj
    with translation.override(language_of(case.applicant)):
        context = {"case": case, "procedure": procedure, "event": event}
        details = render_details(procedure.decision_details(case, event), context)
        return render_pdf("pdf/decision.html", {
            **context, "decision": decided_state(event).kind, "details": details,
            **_verification_context(case, code),
        })


def render_floor_pdf():
    """One paragraph, same stylesheet and fonts: the bench's floor for `render_receipt_pdf`."""
    return render_pdf("pdf/floor.html", {})


# --- storing them, once ---

def decided_state(event):
    """The outcome `event` reached (a State of kind accepted, rejected or closed), or None."""
    if event.from_status == event.to_status:
        return None
    state = state_of(registry.get(event.case.procedure), event.to_status)
    return state if state.decided else None


def needs_decision(event):
    return decided_state(event) is not None


def make_receipt(event):
    return _make(event, DocumentKind.RECEIPT, gettext_lazy("acknowledgement of receipt"),
                 lambda code: render_receipt_pdf(event.case, code))


def make_decision(event):
    return _make(event, DocumentKind.DECISION, gettext_lazy("decision"),
                 lambda code: render_decision_pdf(event.case, event, code))


def _make(event, kind, label, render):
    """The document of `kind` for the case version `event` produced: the existing one, or a new
    one rendered and stored. Two workers racing both render; the database keeps one."""
    existing = Document.objects.filter(case=event.case_id, kind=kind,
                                       case_version=event.case_version).first()
    if existing:
        return existing
    case = event.case
    document = Document(case=case, kind=kind, case_version=event.case_version,
                        content_type="application/pdf")
    logger.info("Rendering the %s of %s (version %s)", kind, case.reference, event.case_version)
    pdf = render(document.verification_code)
    with translation.override(language_of(case.applicant)):
        document.name = f"{slugify(str(label))}-{case.reference}.pdf"
    document.size = len(pdf)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.file.save(document.name, ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        document.file.delete(save=False)
        return Document.objects.get(case=case, kind=kind, case_version=event.case_version)
    return document


def missing(since, until, limit):
    """Events of [since, until) whose receipt or decision does not exist: for the sweep."""
    same_version = Document.objects.filter(case=OuterRef("case"),
                                           case_version=OuterRef("case_version"))
    events = CaseEvent.objects.filter(created_at__gte=since, created_at__lt=until)
    receipts = events.filter(kind="submit").exclude(
        Exists(same_version.filter(kind=DocumentKind.RECEIPT)))
    decisions = (events.filter(to_status__in=statuses_of_kind(*DECIDED_KINDS))
                 .exclude(from_status=F("to_status"))
                 .exclude(Exists(same_version.filter(kind=DocumentKind.DECISION))))
    return list((receipts | decisions).order_by("created_at")
                .values_list("pk", flat=True)[:limit])


# --- checking them ---

def find_genuine(reference, code):
    """The receipt or decision with this reference and code, or None (whichever half is wrong)."""
    reference = (reference or "").strip().upper()
    code = (code or "").strip().upper().replace(" ", "")
    if not reference or not code:
        return None
    return (Document.objects.select_related("case", "case__applicant", "case__company")
            .filter(case__reference=reference, verification_code=code,
                    kind__in=[DocumentKind.RECEIPT, DocumentKind.DECISION])
            .first())


def initials(name):
    """'Camille Martin' → 'C. M.': enough to recognise a holder, not to identify one."""
    return " ".join(f"{word[0].upper()}." for word in name.replace("-", " ").split() if word)
