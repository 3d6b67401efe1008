from .case import Case, ReferenceCounter
from .document import Document
from .event import CaseEvent
from .message import Message

__all__ = ["Case", "CaseEvent", "Document", "Message", "ReferenceCounter"]
