"""Who hears about what, and how: the channel rules as data.

Each workflow action (an Event) or message maps to rules; a rule names an audience, the kind
of notification and its channels. ``services.event_notify`` reads this table and nothing
else decides who is told.

| action              | condition          | audience      | kind                | channels           |
|---------------------|--------------------|---------------|---------------------|--------------------|
| submit              |                    | reporter      | received            | in-app, SMS, e-mail|
| submit              |                    | coordinators  | received            | in-app             |
| forward             |                    | reporter      | forwarded           | in-app             |
| forward             |                    | to_unit       | assigned            | in-app, e-mail     |
| forward_up          |                    | reporter      | forwarded           | in-app             |
| forward_up          |                    | coordinators  | received            | in-app, e-mail     |
| forward_sub_unit    |                    | to_unit       | assigned            | in-app, e-mail     |
| add_co_handler      |                    | to_unit       | co_handling         | in-app, e-mail     |
| accept              |                    | reporter      | accepted            | in-app             |
| return              |                    | coordinators  | returned            | in-app, e-mail     |
| ask_citizen         |                    | reporter      | question            | in-app, SMS, e-mail|
| request_extension   |                    | coordinators  | extension_requested | in-app, e-mail     |
| decide_extension    |                    | unit          | extension_decided   | in-app, e-mail     |
| submit_answer       |                    | unit_leaders  | approval_needed     | in-app, e-mail     |
| approve_answer      | answered           | reporter      | answered            | in-app, SMS, e-mail|
| approve_answer      | pending_review     | coordinators  | review_needed       | in-app, e-mail     |
| review_answer       |                    | reporter      | answered            | in-app, SMS, e-mail|
| send_back_answer    |                    | drafter       | sent_back           | in-app, e-mail     |
| rate                | not_satisfied      | coordinators  | not_satisfied       | in-app, e-mail     |
| reject              |                    | reporter      | rejected            | in-app, SMS, e-mail|
| merge               |                    | reporter      | merged              | in-app, SMS, e-mail|
| reopen              |                    | reporter      | reopened            | in-app             |
| reopen              |                    | unit          | reopened            | in-app, e-mail     |
| withdraw            |                    | unit          | withdrawn           | in-app             |
| forward, accept, reopen, publish |       | followers     | followed_update     | in-app             |
| approve_answer      | answered           | followers     | followed_answered   | in-app, e-mail     |
| review_answer       |                    | followers     | followed_answered   | in-app, e-mail     |
| message (citizen)   |                    | unit_handlers | message             | in-app, e-mail     |
| message (unit)      |                    | reporter      | message             | in-app, SMS, e-mail|
| reminder 50/80/100% |                    | unit          | reminder            | in-app, e-mail     |
| late                |                    | unit_leaders + coordinators | late  | in-app, e-mail     |
| daily digest        |                    | each officer  | digest              | in-app, e-mail     |
| adoption figures due or missing |        | unit_reporters| adoption_reminder   | in-app, e-mail     |

Whatever goes by e-mail or SMS is also pushed to the person's browsers and installed app
that asked for it (``with_push``). Each person may turn off the e-mail, SMS or push copy of
any kind on "Cài đặt thông báo"
(``NotificationMute``); the in-app notification always stays.

Internal actions (classify, publish, unpublish, close) tell nobody, except that a follower
hears of a publication (then they may read the report). The reporter is only told
of what the public timeline also shows. The person who acted is never told of their own
action (except the receipt of one's own report). Audiences: ``unit`` = handlers and leaders of the report's current unit; ``to_unit``
= those of the unit the event sent it to; ``followers`` = the citizens who follow the report
(pakn.reports.services.following), told only of what the public may know, by the report's code
and new status, never its reporter's words; ``coordinators`` = coordinators of its
coordinating unit; ``drafter`` = the handler who wrote the answer draft.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pakn.notifications.models import NotificationKind as K

IN_APP, EMAIL, SMS, PUSH = "in_app", "email", "sms", "push"
OFFICER = frozenset({IN_APP, EMAIL})
CITIZEN_ALL = frozenset({IN_APP, SMS, EMAIL})
ONLY_IN_APP = frozenset({IN_APP})


@dataclass(frozen=True)
class Rule:
    audience: str
    kind: str
    channels: frozenset[str]
    condition: str = ""  # a name in CONDITIONS; empty = always
    tell_actor: bool = False  # the citizen who sends a report still gets its receipt


# What a follower hears: the public changes of the report they follow.
FOLLOWER_ANSWER = frozenset({IN_APP, EMAIL})
FOLLOWED_UPDATE = Rule("followers", K.FOLLOWED_UPDATE, ONLY_IN_APP)
CITIZEN_AUDIENCES = ("reporter", "followers")

EVENT_RULES: dict[str, list[Rule]] = {
    "submit": [Rule("reporter", K.RECEIVED, CITIZEN_ALL, tell_actor=True), Rule("coordinators", K.RECEIVED, ONLY_IN_APP)],
    "forward": [Rule("reporter", K.FORWARDED, ONLY_IN_APP), Rule("to_unit", K.ASSIGNED, OFFICER), FOLLOWED_UPDATE],
    # A province sends a proposal up: the ministry's coordinators receive it.
    "forward_up": [Rule("reporter", K.FORWARDED, ONLY_IN_APP), Rule("coordinators", K.RECEIVED, OFFICER)],
    "forward_sub_unit": [Rule("to_unit", K.ASSIGNED, OFFICER)],
    "add_co_handler": [Rule("to_unit", K.CO_HANDLING, OFFICER)],
    "accept": [Rule("reporter", K.ACCEPTED, ONLY_IN_APP), FOLLOWED_UPDATE],
    "return": [Rule("coordinators", K.RETURNED, OFFICER)],
    "ask_citizen": [Rule("reporter", K.QUESTION, CITIZEN_ALL)],
    "request_extension": [Rule("coordinators", K.EXTENSION_REQUESTED, OFFICER)],
    "decide_extension": [Rule("unit", K.EXTENSION_DECIDED, OFFICER)],
    "submit_answer": [Rule("unit_leaders", K.APPROVAL_NEEDED, OFFICER)],
    "approve_answer": [
        Rule("reporter", K.ANSWERED, CITIZEN_ALL, condition="answered"),
        Rule("coordinators", K.REVIEW_NEEDED, OFFICER, condition="pending_review"),
        Rule("followers", K.FOLLOWED_ANSWERED, FOLLOWER_ANSWER, condition="answered"),
    ],
    "review_answer": [Rule("reporter", K.ANSWERED, CITIZEN_ALL), Rule("followers", K.FOLLOWED_ANSWERED, FOLLOWER_ANSWER)],
    "send_back_answer": [Rule("drafter", K.SENT_BACK, OFFICER)],
    "rate": [Rule("coordinators", K.NOT_SATISFIED, OFFICER, condition="not_satisfied")],
    "reject": [Rule("reporter", K.REJECTED, CITIZEN_ALL)],
    "merge": [Rule("reporter", K.MERGED, CITIZEN_ALL)],
    "reopen": [Rule("reporter", K.REOPENED, ONLY_IN_APP), Rule("unit", K.REOPENED, OFFICER), FOLLOWED_UPDATE],
    "publish": [FOLLOWED_UPDATE],
    "withdraw": [Rule("unit", K.WITHDRAWN, ONLY_IN_APP)],
}  # fmt: skip

MESSAGE_FROM_CITIZEN = Rule("unit_handlers", K.MESSAGE, OFFICER)
MESSAGE_FROM_UNIT = Rule("reporter", K.MESSAGE, CITIZEN_ALL)
REMINDER = Rule("unit", K.REMINDER, OFFICER)
ESCALATION = [Rule("unit_leaders", K.LATE, OFFICER), Rule("coordinators", K.LATE, OFFICER)]
DIGEST_CHANNELS = OFFICER
# A campaign's figures due soon or missing (pakn.campaigns.reminders): the unit's leaders,
# administrators and handlers, who submit them.
ADOPTION_REMINDER = Rule("unit_reporters", K.ADOPTION_REMINDER, OFFICER)

# Texts: %(code)s the report code, %(unit)s a unit's name, %(note)s the event's note,
# %(deadline)s the deadline, %(title)s the report's title. Personal numbers (ID, phone) are
# masked in every value before it is put in (core.personal_numbers.personal_numbers_mask).
TEXTS: dict[str, tuple] = {
    K.RECEIVED: (_("Đã tiếp nhận phản ánh %(code)s"),
                 _("Phản ánh, kiến nghị “%(title)s” đã được gửi đến đơn vị tiếp nhận.")),
    K.FORWARDED: (_("Phản ánh %(code)s đã được chuyển xử lý"),
                  _("Phản ánh của Ông/bà đã được chuyển đến %(unit)s xử lý.")),
    K.ACCEPTED: (_("Phản ánh %(code)s đang được xử lý"),
                 _("%(unit)s đã tiếp nhận xử lý phản ánh của Ông/bà.")),
    K.QUESTION: (_("Đề nghị bổ sung thông tin cho phản ánh %(code)s"),
                 _("Đơn vị xử lý cần Ông/bà bổ sung thông tin. Vui lòng xem và trả lời trong mục "
                   "“Trao đổi” của phản ánh.")),
    K.ANSWERED: (_("Phản ánh %(code)s đã có kết quả xử lý"),
                 _("Mời Ông/bà xem kết quả xử lý và đánh giá mức độ hài lòng.")),
    K.REJECTED: (_("Phản ánh %(code)s không được tiếp nhận"), _("Lý do: %(note)s")),
    K.MERGED: (_("Phản ánh %(code)s trùng với phản ánh đã có"), _("%(note)s")),
    K.REOPENED: (_("Phản ánh %(code)s được xử lý lại"), _("Hạn xử lý mới: %(deadline)s.")),
    K.MESSAGE: (_("Trao đổi mới về phản ánh %(code)s"),
                _("Có nội dung trao đổi mới. Vui lòng xem trong mục “Trao đổi” của phản ánh.")),
    K.ASSIGNED: (_("Phản ánh mới cần xử lý: %(code)s"),
                 _("“%(title)s” đã được chuyển đến %(unit)s. Hạn xử lý: %(deadline)s.")),
    K.CO_HANDLING: (_("Mời phối hợp xử lý phản ánh %(code)s"),
                    _("%(unit)s được mời phối hợp xử lý “%(title)s”.")),
    K.APPROVAL_NEEDED: (_("Dự thảo kết quả phản ánh %(code)s chờ duyệt"),
                        _("“%(title)s”. Hạn xử lý: %(deadline)s.")),
    K.SENT_BACK: (_("Dự thảo kết quả phản ánh %(code)s bị trả lại"), _("Ý kiến: %(note)s")),
    K.RETURNED: (_("%(unit)s chuyển trả phản ánh %(code)s"), _("Lý do: %(note)s")),
    K.EXTENSION_REQUESTED: (_("%(unit)s xin gia hạn phản ánh %(code)s"), _("%(note)s")),
    K.EXTENSION_DECIDED: (_("Kết quả xin gia hạn phản ánh %(code)s"), _("%(note)s")),
    K.NOT_SATISFIED: (_("Người gửi không hài lòng với kết quả phản ánh %(code)s"),
                      _("Vui lòng xem xét đánh giá và quyết định xử lý lại hoặc kết thúc.")),
    K.REVIEW_NEEDED: (_("Kết quả phản ánh %(code)s chờ xem xét"),
                      _("%(unit)s đã duyệt kết quả; chờ đơn vị điều phối xem xét trước khi gửi.")),
    K.WITHDRAWN: (_("Người gửi đã rút phản ánh %(code)s"), _("Không cần xử lý tiếp.")),
    K.REMINDER: (_("Nhắc hạn xử lý phản ánh %(code)s"),
                 _("%(note)s. Hạn xử lý: %(deadline)s.")),
    K.FOLLOWED_UPDATE: (_("Phản ánh %(code)s Ông/bà theo dõi: %(status)s"),
                        _("Phản ánh Ông/bà theo dõi có cập nhật: %(status)s.")),
    K.FOLLOWED_ANSWERED: (_("Phản ánh %(code)s Ông/bà theo dõi đã có kết quả xử lý"),
                          _("Mời Ông/bà xem kết quả xử lý trên cổng thông tin khi phản ánh được công khai.")),
    K.LATE: (_("Phản ánh %(code)s đã quá hạn xử lý"),
             _("%(unit)s chưa có kết quả; hạn xử lý là %(deadline)s.")),
}  # fmt: skip

SMS_TEXTS: dict[str, object] = {
    # Written without marks and sent through text_sms: an SMS in GSM 7-bit letters; the
    # report's short link follows when the site's address is configured.
    K.RECEIVED: _("%(portal)s: Da tiep nhan phan anh, kien nghi ma %(code)s. Theo doi tien do tren cong."),
    K.QUESTION: _("%(portal)s: Don vi xu ly de nghi bo sung thong tin cho phan anh %(code)s, xem muc Trao doi."),
    K.ANSWERED: _("%(portal)s: Phan anh %(code)s da co ket qua xu ly. Moi xem va danh gia."),
    K.REJECTED: _("%(portal)s: Phan anh %(code)s khong duoc tiep nhan. Xem ly do tren cong."),
    K.MERGED: _("%(portal)s: Phan anh %(code)s trung voi phan anh da co. Xem chi tiet tren cong."),
    K.MESSAGE: _("%(portal)s: Don vi xu ly gui trao doi ve phan anh %(code)s. Xem tren cong."),
}  # fmt: skip


def with_push(channels: frozenset[str]) -> frozenset[str]:
    """A notification that goes by e-mail or SMS is also pushed to the person's devices."""
    return channels | {PUSH} if channels & {EMAIL, SMS} else channels


def _all_rules() -> list[tuple[Rule, bool]]:
    """Every rule with whether its audience is the citizen who sent the report."""
    rules = [rule for group in EVENT_RULES.values() for rule in group]
    rules += [MESSAGE_FROM_CITIZEN, MESSAGE_FROM_UNIT, REMINDER, *ESCALATION, ADOPTION_REMINDER]
    listed = [(rule, rule.audience in CITIZEN_AUDIENCES) for rule in rules]
    return listed + [(Rule("officer", K.DIGEST, DIGEST_CHANNELS), False)]


def copies_by_kind(*, citizen: bool) -> dict[str, frozenset[str]]:
    """The kinds a citizen (or an officer) is told of with a copy by e-mail or SMS, and those
    channels, read off the table: what "Cài đặt thông báo" offers to turn off."""
    kinds: dict[str, frozenset[str]] = {}
    for rule, for_citizen in _all_rules():
        copies = with_push(rule.channels) - {IN_APP}
        if for_citizen == citizen and copies:
            kinds[rule.kind] = kinds.get(rule.kind, frozenset()) | copies
    return kinds
