from .case import Case, ReferenceCounter
from .document import Document
from .event import CaseEvent
from .message import Message
from .notification import Channel, Notification, NotificationPreference

__all__ = [
    "Case", "CaseEvent", "Channel", "Document", "Message", "Notification",
    "NotificationPreference", "ReferenceCounter",
]
