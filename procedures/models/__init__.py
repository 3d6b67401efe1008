from .audit import AgentRead, AuditDigest
from .case import Case, ReferenceCounter
from .document import Document
from .event import CaseEvent
from .message import Message
from .notification import Channel, Notification, NotificationPreference
from .proposal import BatchItem, Proposal, ProposalBatch
from .settings import ProcedureSettings

__all__ = [
    "AgentRead", "AuditDigest", "BatchItem", "Case", "CaseEvent", "Channel", "Document", "Message",
    "Notification", "NotificationPreference", "ProcedureSettings", "Proposal", "ProposalBatch",
    "ReferenceCounter",
]
