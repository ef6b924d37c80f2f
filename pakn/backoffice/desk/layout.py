"""How the report desk lays out the actions it is given: the one main action for this role and
state first, the others (the refusals and the side steps) behind a menu.

Which actions exist is not decided here (the workflow does); only which of them is the day's
work: a handler in progress drafts the result, a leader approves it, a coordinator forwards."""

# The first of these the officer may take is the main action; none of the refusing or
# returning actions (reject, return, send back) is ever the main one.
MAIN_ACTION_PREFERENCE = (
    "submit_answer",
    "approve_answer",
    "review_answer",
    "accept",
    "forward",
    "decide_extension",
    "publish",
    "close",
)


def actions_main_first(actions: list[str]) -> list[str]:
    """``actions`` in their order, the main one moved to the front (if there is one)."""
    for candidate in MAIN_ACTION_PREFERENCE:
        if candidate in actions:
            return [candidate, *(action for action in actions if action != candidate)]
    return list(actions)
