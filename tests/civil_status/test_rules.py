import pytest

from procedures.civil_status.rules import (
    KINDS,
    RECORDS,
    RELATIONS,
    Refusal,
    may_request,
    needs_parents,
    refusal_reason,
)

YES, NO = True, False

# The expected answer for every (record, kind, relation), written out by hand from
# décret n° 2017-890, articles 30 to 33: only birth and marriage records are restricted,
# and only for full copies and extracts showing the parents (multilingual included).
# fmt: off
TRUTH_TABLE = [
    # birth
    ("birth",    "full_copy",                  "self",                  YES),
    ("birth",    "full_copy",                  "spouse",                YES),
    ("birth",    "full_copy",                  "ascendant",             YES),
    ("birth",    "full_copy",                  "descendant",            YES),
    ("birth",    "full_copy",                  "legal_representative",  YES),
    ("birth",    "full_copy",                  "other",                 NO),
    ("birth",    "extract_with_parentage",     "self",                  YES),
    ("birth",    "extract_with_parentage",     "spouse",                YES),
    ("birth",    "extract_with_parentage",     "ascendant",             YES),
    ("birth",    "extract_with_parentage",     "descendant",            YES),
    ("birth",    "extract_with_parentage",     "legal_representative",  YES),
    ("birth",    "extract_with_parentage",     "other",                 NO),
    ("birth",    "extract_without_parentage",  "self",                  YES),
    ("birth",    "extract_without_parentage",  "spouse",                YES),
    ("birth",    "extract_without_parentage",  "ascendant",             YES),
    ("birth",    "extract_without_parentage",  "descendant",            YES),
    ("birth",    "extract_without_parentage",  "legal_representative",  YES),
    ("birth",    "extract_without_parentage",  "other",                 YES),
    ("birth",    "multilingual",               "self",                  YES),
    ("birth",    "multilingual",               "spouse",                YES),
    ("birth",    "multilingual",               "ascendant",             YES),
    ("birth",    "multilingual",               "descendant",            YES),
    ("birth",    "multilingual",               "legal_representative",  YES),
    ("birth",    "multilingual",               "other",                 NO),
    # marriage
    ("marriage", "full_copy",                  "self",                  YES),
    ("marriage", "full_copy",                  "spouse",                YES),
    ("marriage", "full_copy",                  "ascendant",             YES),
    ("marriage", "full_copy",                  "descendant",            YES),
    ("marriage", "full_copy",                  "legal_representative",  YES),
    ("marriage", "full_copy",                  "other",                 NO),
    ("marriage", "extract_with_parentage",     "self",                  YES),
    ("marriage", "extract_with_parentage",     "spouse",                YES),
    ("marriage", "extract_with_parentage",     "ascendant",             YES),
    ("marriage", "extract_with_parentage",     "descendant",            YES),
    ("marriage", "extract_with_parentage",     "legal_representative",  YES),
    ("marriage", "extract_with_parentage",     "other",                 NO),
    ("marriage", "extract_without_parentage",  "self",                  YES),
    ("marriage", "extract_without_parentage",  "spouse",                YES),
    ("marriage", "extract_without_parentage",  "ascendant",             YES),
    ("marriage", "extract_without_parentage",  "descendant",            YES),
    ("marriage", "extract_without_parentage",  "legal_representative",  YES),
    ("marriage", "extract_without_parentage",  "other",                 YES),
    ("marriage", "multilingual",               "self",                  YES),
    ("marriage", "multilingual",               "spouse",                YES),
    ("marriage", "multilingual",               "ascendant",             YES),
    ("marriage", "multilingual",               "descendant",            YES),
    ("marriage", "multilingual",               "legal_representative",  YES),
    ("marriage", "multilingual",               "other",                 NO),
    # death
    ("death",    "full_copy",                  "self",                  YES),
    ("death",    "full_copy",                  "spouse",                YES),
    ("death",    "full_copy",                  "ascendant",             YES),
    ("death",    "full_copy",                  "descendant",            YES),
    ("death",    "full_copy",                  "legal_representative",  YES),
    ("death",    "full_copy",                  "other",                 YES),
    ("death",    "extract_with_parentage",     "self",                  YES),
    ("death",    "extract_with_parentage",     "spouse",                YES),
    ("death",    "extract_with_parentage",     "ascendant",             YES),
    ("death",    "extract_with_parentage",     "descendant",            YES),
    ("death",    "extract_with_parentage",     "legal_representative",  YES),
    ("death",    "extract_with_parentage",     "other",                 YES),
    ("death",    "extract_without_parentage",  "self",                  YES),
    ("death",    "extract_without_parentage",  "spouse",                YES),
    ("death",    "extract_without_parentage",  "ascendant",             YES),
    ("death",    "extract_without_parentage",  "descendant",            YES),
    ("death",    "extract_without_parentage",  "legal_representative",  YES),
    ("death",    "extract_without_parentage",  "other",                 YES),
    ("death",    "multilingual",               "self",                  YES),
    ("death",    "multilingual",               "spouse",                YES),
    ("death",    "multilingual",               "ascendant",             YES),
    ("death",    "multilingual",               "descendant",            YES),
    ("death",    "multilingual",               "legal_representative",  YES),
    ("death",    "multilingual",               "other",                 YES),
]
# fmt: on


def test_truth_table_covers_every_combination():
    combinations = {(record, kind, relation) for record, kind, relation, _ in TRUTH_TABLE}
    assert len(TRUTH_TABLE) == len(combinations) == 72
    assert combinations == {(r, k, p) for r in RECORDS for k in KINDS for p in RELATIONS}


@pytest.mark.parametrize(("record", "kind", "relation", "expected"), TRUTH_TABLE)
def test_may_request(record, kind, relation, expected):
    assert may_request(record=record, kind=kind, relation=relation) is expected


@pytest.mark.parametrize(("record", "kind", "relation", "expected"), TRUTH_TABLE)
def test_refusal_reason_is_none_exactly_when_allowed(record, kind, relation, expected):
    reason = refusal_reason(record=record, kind=kind, relation=relation)
    assert (reason is None) is expected


def test_refusal_says_who_may_ask_and_what_to_ask_instead():
    reason = refusal_reason(record="birth", kind="full_copy", relation="other")
    assert reason == Refusal(
        allowed_relations=("self", "spouse", "ascendant", "descendant", "legal_representative"),
        alternative_kind="extract_without_parentage",
    )


def test_refusal_is_immutable():
    reason = refusal_reason(record="marriage", kind="multilingual", relation="other")
    with pytest.raises(AttributeError):
        reason.alternative_kind = "full_copy"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("full_copy", YES),
        ("extract_with_parentage", YES),
        ("extract_without_parentage", NO),
        ("multilingual", YES),
    ],
)
def test_needs_parents(kind, expected):
    assert needs_parents(kind) is expected


@pytest.mark.parametrize(
    "arguments",
    [
        {"record": "divorce", "kind": "full_copy", "relation": "self"},
        {"record": "birth", "kind": "photocopy", "relation": "self"},
        {"record": "birth", "kind": "full_copy", "relation": "neighbour"},
        {"record": "", "kind": "full_copy", "relation": "self"},
        {"record": "Birth", "kind": "full_copy", "relation": "self"},
    ],
)
def test_unknown_values_raise(arguments):
    with pytest.raises(ValueError):
        may_request(**arguments)
    with pytest.raises(ValueError):
        refusal_reason(**arguments)


def test_needs_parents_rejects_unknown_kind():
    with pytest.raises(ValueError):
        needs_parents("photocopy")
