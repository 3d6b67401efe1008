"""Bulk confirmation of proposals, in the background.

`confirm(cases, user)` records a ProposalBatch and one BatchItem per case with a proposal, and
enqueues `tasks.apply_batch`. The task applies each case's *own* proposal through the workflow,
a few cases per task: each case in its own transaction, in which its item is marked done (or
refused, with the reason) — so a worker killed in the middle loses nothing and repeats nothing:
the next run (the unacknowledged task delivered again, or the sweep) takes the items still
pending. Items are taken with SKIP LOCKED, so two runs at once share the work."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import workflow
from .errors import WorkflowError
from .models import BatchItem, Proposal, ProposalBatch

CASES_PER_TASK = 50

R = BatchItem.Result


def confirm(cases, user):
    """A batch for the cases of `cases` (a queryset) that carry a proposal, enqueued on commit.
    Returns (batch, the number of cases without a proposal)."""
    from .tasks import apply_batch

    ids = list(cases.order_by().values_list("pk", flat=True))
    with_proposal = list(Proposal.objects.filter(case__in=ids).order_by("case__due_at", "case")
                         .values_list("case", flat=True))
    with transaction.atomic():
        batch = ProposalBatch.objects.create(created_by=user)
        BatchItem.objects.bulk_create([BatchItem(batch=batch, case_id=case_id)
                                       for case_id in with_proposal], batch_size=2000)
        transaction.on_commit(lambda: apply_batch.delay(batch.pk))
    return batch, len(ids) - len(with_proposal)


def apply_some(batch_id, limit=CASES_PER_TASK):
    """Apply up to `limit` pending items of the batch; True if some are left."""
    batch = ProposalBatch.objects.select_related("created_by").get(pk=batch_id)
    for _n in range(limit):
        if not _apply_next(batch):
            break
    ProposalBatch.objects.filter(pk=batch_id).update(heartbeat_at=timezone.now())
    if BatchItem.objects.filter(batch=batch_id, result=R.PENDING).exists():
        return True
    ProposalBatch.objects.filter(pk=batch_id, finished_at__isnull=True).update(
        finished_at=timezone.now())
    return False


def _apply_next(batch):
    with transaction.atomic():
        item = (BatchItem.objects.select_for_update(skip_locked=True)
                .filter(batch=batch, result=R.PENDING).order_by("pk").first())
        if item is None:
            return False
        proposal = Proposal.objects.filter(case=item.case_id).first()
        try:
            if proposal is None:
                raise WorkflowError(_("The proposal was withdrawn."))
            with transaction.atomic():  # a refusal rolls back this case's change only
                workflow.perform(item.case_id, proposal.transition, batch.created_by,
                                 text=proposal.motivation,
                                 data={"proposal": proposal.pk, "amount": proposal.amount,
                                       "batch": batch.pk})
        except WorkflowError as error:
            item.result, item.reason = R.REFUSED, str(error.message)
        else:
            item.result = R.DONE
        item.done_at = timezone.now()
        item.save(update_fields=["result", "reason", "done_at"])
        return True


def progress(batch_id):
    """{"pending": n, "done": n, "refused": n, "total": n}."""
    counts = BatchItem.objects.filter(batch=batch_id).aggregate(
        total=Count("pk"), **{r: Count("pk", filter=Q(result=r)) for r in R.values})
    return counts


def stalled(until):
    """Unfinished batches without progress since `until` (their task was lost): for the
    sweep. Resuming one still running costs nothing: the two runs share the items."""
    return list(ProposalBatch.objects.filter(finished_at__isnull=True, heartbeat_at__lt=until)
                .values_list("pk", flat=True))

