"""Who may do what to a report, written out by hand from the business rules (README "How a
report moves", DESIGN.md §1 and §3, the seeds) and NOT derived from workflow.TRANSITIONS:
the tests compare the two, so a role added to or dropped from the engine's table by mistake
fails a test instead of silently changing who may act.

Reading of the rules, state by state:
- A draft is sent by its author, or by a call-centre operator on a citizen's behalf.
- The coordinating centre receives every new report (and every report a unit transfers
  back): it classifies, rejects, merges or forwards it. The reporter may withdraw it until a
  unit accepts it.
- The unit the report was forwarded to (its handlers and its leader) accepts it or transfers
  it back; once accepted, it may pass it to a sub-unit, invite co-handling units, ask the
  citizen, ask for an extension (decided by the coordinator), and a handler drafts the
  answer.
- The unit's leader approves or sends back the draft; where the coordinator reviews answers,
  the coordinator publishes or sends it back.
- An answered report is rated by its reporter; the coordinator decides what is published,
  reopens a report after a "not satisfied" review, and closes it.
- National programme (seed 004): a province's coordinator may send a proposal waiting for
  routing up to a ministry (forward_up; refused for anything but a proposal coordinated by a
  province, with a ministry to send it to); an officer (handler or leader) of a unit invited
  to co-handle gives that unit's opinion while the report is being handled (give_opinion),
  and nothing else.
- Rejected, merged and withdrawn reports are finished: nobody may act on them.
- Until a report is finished (answered included, closed excluded), its reporter may write to
  the unit (reply) and the unit holding it, handlers and leader, to the reporter (message).

Roles nobody grants a workflow action to (unit administrators, support agents, viewers,
officers of other units or of a sub-unit the report is not at, other citizens) appear in no
row: they may only read what their access allows.
"""

REPORTER = "reporter"
OPERATOR = "operator"
COORDINATOR = "coordinator"
HANDLER = "handler"
LEADER = "leader"
CO_HANDLER = "co_handler"

POLICY: dict[str, dict[str, set[str]]] = {
    "draft": {
        "submit": {REPORTER, OPERATOR},
    },
    "submitted": {
        "reply": {REPORTER},
        "withdraw": {REPORTER},
        "classify": {COORDINATOR},
        "reject": {COORDINATOR},
        "merge": {COORDINATOR},
        "forward": {COORDINATOR},
        "forward_up": {COORDINATOR},
    },
    "returned": {
        "reply": {REPORTER},
        "classify": {COORDINATOR},
        "reject": {COORDINATOR},
        "merge": {COORDINATOR},
        "forward": {COORDINATOR},
        "forward_up": {COORDINATOR},
    },
    "assigned": {
        "reply": {REPORTER},
        "message": {HANDLER, LEADER},
        "withdraw": {REPORTER},
        "accept": {HANDLER, LEADER},
        "return": {HANDLER, LEADER},
    },
    "in_progress": {
        "reply": {REPORTER},
        "message": {HANDLER, LEADER},
        "return": {HANDLER, LEADER},
        "forward_sub_unit": {HANDLER, LEADER},
        "add_co_handler": {HANDLER, LEADER},
        "give_opinion": {CO_HANDLER},
        "ask_citizen": {HANDLER, LEADER},
        "request_extension": {HANDLER, LEADER},
        "decide_extension": {COORDINATOR},
        "submit_answer": {HANDLER},
    },
    "pending_approval": {
        "reply": {REPORTER},
        "message": {HANDLER, LEADER},
        "approve_answer": {LEADER},
        "send_back_answer": {LEADER},
    },
    "pending_review": {
        "reply": {REPORTER},
        "message": {HANDLER, LEADER},
        "review_answer": {COORDINATOR},
        "send_back_answer": {COORDINATOR},
    },
    "answered": {
        "reply": {REPORTER},
        "message": {HANDLER, LEADER},
        "rate": {REPORTER},
        "publish": {COORDINATOR},
        "unpublish": {COORDINATOR},
        "reopen": {COORDINATOR},
        "close": {COORDINATOR},
    },
    "closed": {
        "publish": {COORDINATOR},
        "unpublish": {COORDINATOR},
    },
    "rejected": {},
    "merged": {},
    "withdrawn": {},
}

# Every kind of person the tests try against every action: the workflow roles, the
# membership roles that carry no workflow action, and people with no tie to the report.
EVERY_PERSON = [
    "reporter",
    "citizen",  # another citizen
    "coordinator",
    "operator",
    "handler",
    "leader",
    "sub_handler",  # a handler of a sub-unit the report is not at
    "other_handler",  # a handler of another department
    "co_handler",  # a handler of a unit invited to co-handle the report in progress
    "unit_admin",
    "support_agent",
    "viewer",
]

# What the reporter does not see in their timeline: the officers' internal steps.
INTERNAL_ACTIONS = {
    "classify",
    "return",
    "forward_sub_unit",
    "add_co_handler",
    "give_opinion",
    "request_extension",
    "submit_answer",
    "send_back_answer",
    "publish",
    "unpublish",
    "reply",  # unless it restarts a paused clock: the messages are the record
    "message",
}
