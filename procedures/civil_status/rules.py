"""Who may obtain which civil-status certificate: pure rules, no Django.

Values are plain strings; the Django app attaches the user-facing labels.

Law: Code civil, article 101-1, and décret n° 2017-890 du 6 mai 2017 relatif à l'état civil,
articles 30 to 33 (full copies in 30, extracts with parentage in 32, what anyone may obtain in
31 and 33). A full copy (copie intégrale) or an extract with parentage (extrait avec filiation)
of a birth or marriage record is delivered only to the person concerned, their spouse,
ascendants, descendants or legal representative; an extract without parentage (extrait sans
filiation) to anyone. Death records are delivered to anyone, whatever the kind. The multilingual
extract carries the parents' names, so it follows the extract-with-parentage rule.
Not modelled: the person concerned must be of age or emancipated; the procureur and
professionals authorised by law (notaries, lawyers) may also obtain restricted copies.
"""

from dataclasses import dataclass

from django.utils.text import slugify

RECORDS = ("birth", "marriage", "death")
KINDS = ("full_copy", "extract_with_parentage", "extract_without_parentage", "multilingual")
RELATIONS = ("self", "spouse", "ascendant", "descendant", "legal_representative", "other")

CLOSE_RELATIONS = ("self", "spouse", "ascendant", "descendant", "legal_representative")
RESTRICTED_RECORDS = ("birth", "marriage")
RESTRICTED_KINDS = ("full_copy", "extract_with_parentage", "multilingual")
OPEN_KIND = "extract_without_parentage"


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: who may ask, and what the requester may ask for instead."""

    allowed_relations: tuple[str, ...]
    alternative_kind: str


def _check(record, kind, relation):
    for name, value, allowed in (
        ("record", record, RECORDS),
        ("kind", kind, KINDS),
        ("relation", relation, RELATIONS),
    ):
        if value not in allowed:
            raise ValueError(f"unknown {name}: {value!r}")


def refusal_reason(*, record: str, kind: str, relation: str) -> Refusal | None:
    """None when the requester may obtain this certificate, else a Refusal."""
    _check(record, kind, relation)
    if (
        record in RESTRICTED_RECORDS
        and kind in RESTRICTED_KINDS
        and relation not in CLOSE_RELATIONS
    ):
        return Refusal(allowed_relations=CLOSE_RELATIONS, alternative_kind=OPEN_KIND)
    return None


def may_request(*, record: str, kind: str, relation: str) -> bool:
    return refusal_reason(record=record, kind=kind, relation=relation) is None


def needs_parents(kind: str) -> bool:
    """Whether the form must ask for the parents' names (the certificate shows them)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind: {kind!r}")
    return kind in RESTRICTED_KINDS


# A record is kept by the town hall of the place of its event (Instruction générale relative à
# l'état civil, § 11): birth and death records name their place; this form asks no place of
# marriage, so a marriage record goes to the default town hall.
EVENT_PLACE_FIELDS = {"birth": "birth_place", "death": "death_place"}


def event_town(record: str, person: dict) -> str | None:
    """The town of the record's event, as typed ("Lyon", "Lyon (Rhône)", "Lyon, France"), or
    None when the form does not ask it."""
    if record not in RECORDS:
        raise ValueError(f"unknown record: {record!r}")
    place = person.get(EVENT_PLACE_FIELDS.get(record, ""), "")
    town = place.split(",")[0].split("(")[0].strip()
    return town or None


def town_hall_code(town: str) -> str:
    """The code of a town hall's civil-status service on the guichet: mairie-<town>-etat-civil."""
    return f"mairie-{slugify(town)}-etat-civil"
