import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.constants import ClaimStatus
from accounts.models import Company, Service
from portal import ratelimit
from portal.storage import DocumentUnreadable

from . import audit, held_data, workflow
from .access import citizen_case, readable_document
from .constants import ActorRole, Audience, CaseStatus, DocumentKind, ScanStatus
from .errors import WorkflowError
from .forms import CatalogueFilterForm, CompanyChoiceForm, MessageForm
from .models import Case, Document, Message, ProcedureSettings
from .registry import registry
from .transitions import status_label
from .uploads import check_quota, store_upload

CASES_PER_PAGE = 20
logger = logging.getLogger(__name__)


def _procedure_or_404(slug):
    procedure = registry.get(slug)
    if procedure is None:
        raise Http404
    return procedure


@require_GET
def catalogue(request):
    form = CatalogueFilterForm(request.GET)
    form.is_valid()
    query = (form.cleaned_data.get("q") or "").casefold()
    audience = form.cleaned_data.get("audience")
    procedures = [
        p for p in registry
        if p.listed
        and (not query or query in f"{p.title} {p.summary}".casefold())
        and (not audience or p.audience in (audience, Audience.BOTH))
    ]
    closed = set(ProcedureSettings.objects.filter(is_open=False).values_list("procedure",
                                                                            flat=True))
    return render(request, "procedures/catalogue.html", {"form": form, "procedures": procedures,
                                                         "closed": closed})


@require_GET
def procedure_page(request, slug):
    procedure = _procedure_or_404(slug)
    asked_anyway = held_data.asked_anyway(procedure)
    return render(request, "procedures/procedure.html", {
        "procedure": procedure, "is_open": procedure.settings.is_open,
        "service": Service.objects.filter(code=procedure.service_code).first(),
        "asked_anyway": asked_anyway,
        "asked_anyway_sentence": held_data.sentence(len(asked_anyway)),
        "asked_anyway_grade": held_data.grade(len(asked_anyway)),
    })


@login_required
def start(request, slug):
    """Create a draft (asking first which company files it, for a company procedure)."""
    procedure = _procedure_or_404(slug)
    if not procedure.settings.is_open:
        messages.error(request, _("This procedure is closed: no new request can be filed."))
        return redirect("procedures:procedure", slug=procedure.slug)
    form = None
    if (procedure.audience != Audience.CITIZEN
            and Company.objects.represented_by(request.user).exists()):
        form = CompanyChoiceForm(request.POST or None, user=request.user)
    elif (procedure.audience == Audience.COMPANY
          and request.user.company_claims.filter(status=ClaimStatus.PENDING).exists()):
        messages.info(request, _("This procedure is filed for a company: an agent is still "
                                 "checking your request to act for yours."))
        return redirect("accounts:companies")
    elif procedure.audience == Audience.COMPANY:
        messages.info(request, _("This procedure is filed for a company: add yours first."))
        return redirect("accounts:company_add")
    service = Service.objects.filter(code=procedure.service_code).first()
    if service is None:  # the administrators have not set up the service yet
        messages.error(request, _("This procedure is not open yet. Please come back later."))
        return redirect("procedures:procedure", slug=procedure.slug)
    if request.method == "POST" and (form is None or form.is_valid()):
        case = Case.objects.create(
            procedure=procedure.slug, procedure_version=procedure.version,
            applicant=request.user, company=form.cleaned_data["company"] if form else None,
            service=service,
        )
        return redirect("procedures:step", public_id=case.public_id,
                        step_name=procedure.steps[0].name)
    return render(request, "procedures/start.html", {"procedure": procedure, "form": form})


@login_required
@require_GET
def my_space(request):
    cases = (Case.objects.of_applicant(request.user)
             .select_related("company", "service").order_by("-updated_at", "-pk"))
    # Paginated by the database: a citizen with hundreds of cases costs one page of them.
    drafts = cases.filter(status=CaseStatus.DRAFT)
    filed = Paginator(cases.exclude(status=CaseStatus.DRAFT), CASES_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "procedures/my_space.html", {
        "drafts": drafts, "cases": filed, "title": _("My space"),
    })


def _timeline(case):
    """The case's events, each with the label of the state it led to as the applicant reads
    it (a procedure's own transition has no sentence of its own in event_label.html)."""
    events = list(case.events.select_related("actor"))
    for event in events:
        event.state_label = status_label(case.procedure_obj, event.to_status)
    return events


def _case_context(case, message_form=None):
    documents = Document.objects.filter(case=case, message__isnull=True)
    conversation = Message.objects.filter(case=case).select_related("author").prefetch_related(
        Prefetch("attachments", queryset=Document.objects.order_by("pk")))
    agents = [m for m in conversation if m.author_role == ActorRole.AGENT]
    return {
        "case": case, "procedure": case.procedure_obj,
        "question": agents[-1] if agents and case.needs_action else None,
        "summary": case.procedure_obj.summarise(case.answers),
        "computed_summary": case.procedure_obj.computed_summary(case.computed)
        if case.computed else [],
        "events": _timeline(case),
        "documents": documents,
        "receipt_pending": not any(d.kind == DocumentKind.RECEIPT for d in documents),
        "scan_pending": any(d.scan == ScanStatus.PENDING for d in documents),
        "conversation": conversation,
        "message_form": message_form or MessageForm(),
        "can_withdraw": case.status == CaseStatus.SUBMITTED,
        "title": case.reference,
    }


@login_required
@require_GET
def case_page(request, public_id):
    case = citizen_case(request, public_id, draft=False)
    return render(request, "procedures/case.html", _case_context(case))


@login_required
@require_POST
def post_message(request, public_id):
    case = citizen_case(request, public_id, draft=False)
    form = MessageForm(request.POST, request.FILES)
    if ratelimit.hit("message-account-case", request.user.pk, case.pk):
        form.add_error(None, _("You sent many messages on this case in a short time. "
                               "Wait an hour, then write again."))
        return render(request, "procedures/case.html", _case_context(case, form), status=429)
    if form.is_valid() and form.cleaned_data["attachment"]:
        try:
            check_quota(form.cleaned_data["attachment"], case, request.user)
        except ValidationError as error:
            form.add_error("attachment", error)
    if form.is_valid():
        attachment = form.cleaned_data["attachment"]
        try:
            with transaction.atomic():
                attachments = [store_upload(attachment, case, request.user)] if attachment else []
                workflow.post_message(case.pk, request.user, ActorRole.CITIZEN,
                                      body=form.cleaned_data["body"], attachments=attachments)
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your message is sent to the service."))
            return redirect("procedures:case", public_id=case.public_id)
    return render(request, "procedures/case.html", _case_context(case, form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, public_id):
    """Withdraw a request, after a page that names it and says it is final."""
    case = citizen_case(request, public_id, draft=False)
    if request.method == "GET":
        if case.status != CaseStatus.SUBMITTED:
            return redirect("procedures:case", public_id=case.public_id)
        return render(request, "procedures/withdraw.html", {
            "case": case, "procedure": case.procedure_obj,
            "title": _("Withdraw this request?")})
    try:
        workflow.withdraw(case.pk, request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request %(reference)s is withdrawn.") % {
            "reference": case.reference})
    return redirect("procedures:case", public_id=case.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def discard(request, public_id):
    """Delete a draft, after a page that names it and asks to confirm."""
    case = citizen_case(request, public_id, draft=True)
    if request.method == "POST":
        workflow.discard(case.pk, request.user)
        messages.success(request, _("The draft “%(procedure)s” is deleted.") % {
            "procedure": case.procedure_obj.title})
        return redirect("procedures:my_space")
    return render(request, "procedures/discard.html", {
        "case": case, "procedure": case.procedure_obj, "title": _("Delete this draft?")})


@login_required
@require_GET
def download(request, public_id):
    document = readable_document(request, public_id)
    try:
        stored = document.file.open("rb")
    except (DocumentUnreadable, FileNotFoundError):
        logger.exception("Document %s of case %s not served", document.public_id,
                         document.case.reference)
        case = document.case
        back_url = (reverse("procedures:case", args=[case.public_id])
                    if case.applicant_id == request.user.pk
                    else reverse("admin:procedures_case_change", args=[case.pk]))
        return render(request, "procedures/document_unreadable.html", {
            "document": document, "back_url": back_url,
            "title": _("This document cannot be opened")}, status=503)
    if document.case.applicant_id != request.user.pk:  # read as an agent of its service
        audit.document(request.user, document)
    return FileResponse(stored, as_attachment=True, filename=document.name,
                        content_type=document.content_type)
