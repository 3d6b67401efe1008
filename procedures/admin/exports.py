"""CSV and XLSX exports of the queue as filtered on screen, scoped like it. Rows are read with a
database iterator and written as they come: memory stays flat whatever the number of cases."""

import csv
import datetime
import io
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ..constants import StateKind
from .labels import procedure_title, status_label

CHUNK_ROWS = 1000
FIELDS = (
    "reference", "procedure", "status", "status_kind", "applicant__first_name",
    "applicant__last_name", "applicant__email", "company__name", "company__siret",
    "service__name", "submitted_at", "due_at", "decided_at", "assigned_to__first_name",
    "assigned_to__last_name", "assigned_to__email",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header():
    return [_("Reference"), _("Procedure"), _("Status"), _("Applicant"), _("E-mail"),
            _("Company"), _("SIRET"), _("Service"), _("Filed on"), _("Answer due by"),
            _("Overdue"), _("Decided on"), _("Assigned agent")]


def rows(queryset):
    """One list of plain values per case, labels translated now (the response streams later)."""
    today = timezone.localdate()
    yes, no = _("Yes"), _("No")
    titles, statuses = {}, {}
    for (reference, slug, status, kind, first, last, email, company, siret, service, submitted, due,
         decided, agent_first, agent_last, agent_email) in (
            queryset.values_list(*FIELDS).iterator(chunk_size=CHUNK_ROWS)):
        if slug not in titles:
            titles[slug] = procedure_title(slug)
        if (slug, status) not in statuses:
            statuses[slug, status] = status_label(slug, status)
        yield [
            reference, titles[slug], statuses[slug, status], _safe(f"{first} {last}".strip()),
            _safe(email), _safe(company or ""), siret or "", service, _local(submitted), due,
            yes if due and due < today and kind == StateKind.OPEN else no,  # Case.is_overdue
            _local(decided), f"{agent_first} {agent_last}".strip() or agent_email or "",
        ]


def _safe(text):
    """Applicants type these: never let a spreadsheet read them as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def filename(extension):
    return f"dossiers-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


def csv_response(queryset):
    labels = header()  # before streaming: the language is the request's now
    lines = rows(queryset)

    def chunks():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")  # what a French spreadsheet opens directly
        buffer.write("\ufeff")
        writer.writerow(labels)
        for count, row in enumerate(lines, 1):
            writer.writerow(["" if value is None else _csv_value(value) for value in row])
            if count % CHUNK_ROWS == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def _csv_value(value):
    if isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return value


def xlsx_response(queryset):
    """openpyxl's write-only mode keeps rows on disk; the file is then streamed from disk."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Cases"))
    sheet.append(header())
    for row in rows(queryset):
        sheet.append(row)
    file = tempfile.TemporaryFile()
    workbook.save(file)
    file.seek(0)
    return FileResponse(
        file, as_attachment=True, filename=filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
