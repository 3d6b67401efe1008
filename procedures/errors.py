"""Domain errors of the case engine: views and the admin show their message, never a 500."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ErrorLink:
    """A link a form puts next to a field's error (the first request, for a duplicate), never
    inside the message: an error summary's entries are links to their field already. Set as
    `form.fields[name].error_link`; the error summaries and the field show it after the
    message."""

    url: str
    text: str


@dataclass(frozen=True)
class LinkedMessage:
    """A step's error message (Step.messages) and the link to show next to it."""

    text: str
    link: ErrorLink

    def __str__(self):
        return self.text


class WorkflowError(Exception):
    default_message = _("This action is not possible.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class TransitionNotAllowed(WorkflowError):
    default_message = _("This action is not possible in the current state of the case.")


class NotPermitted(WorkflowError):
    default_message = _("You may not do this on this case.")


class NotRepresented(WorkflowError):
    default_message = _(
        "You do not act for this company in Guichet, or no longer: a request to act for it must "
        "be accepted by an agent first (My companies).")


class StaleCase(WorkflowError):
    default_message = _(
        "Someone else changed this case since you opened it. Reload the page to see the change."
    )


class IncompleteCase(WorkflowError):
    default_message = _("Some answers are missing or invalid.")

    def __init__(self, errors, message=None):
        self.errors = errors  # {step name: [messages]}
        super().__init__(message)
