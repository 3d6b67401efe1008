"""Agent actions, each through its workflow function (the procedure's own ones by name)."""

from .. import workflow
from ..constants import ActorRole
from ..errors import TransitionNotAllowed

WITH_TEXT = {
    "request_info": workflow.request_info,
    "accept": workflow.accept,
    "reject": workflow.reject,
    "close": workflow.close,
}


def agent_transition(case, name):
    """The agent transition `name` of this case's procedure, or TransitionNotAllowed."""
    transition = workflow.transitions_for(case).get(name)
    if transition is None or transition.actor != ActorRole.AGENT:
        raise TransitionNotAllowed()
    return transition


def run(case_id, name, actor, *, text="", data=None, expected_version=None):
    """`data`: the cleaned data of the action's own form, if it has one."""
    if name == "start_review":
        return workflow.start_review(case_id, actor, expected_version=expected_version)
    if name in WITH_TEXT:
        return WITH_TEXT[name](case_id, actor, text=text, expected_version=expected_version)
    return workflow.perform(case_id, name, actor, text=text, data=data,
                            expected_version=expected_version)
