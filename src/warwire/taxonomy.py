"""The event taxonomy: ACLED's event types and sub-event types, plus the war-news types ACLED does not code."""

from __future__ import annotations

#: ACLED event types and sub-event types, spelled exactly as the ACLED codebook (2019-) names them, so
#: exports line up with ACLED data.
ACLED: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

#: What war news reports and ACLED does not code: kept as separate types so ACLED exports can drop them.
EXTRA: dict[str, tuple[str, ...]] = {
    "Displacement": ("Evacuation", "Refugee flow"),
    "Statement": ("Threat", "Rejection", "Pledge", "Demand", "Appeal", "Denial"),
    "Visit/Meeting": ("Visit", "Meeting"),
    "Mobilization": ("Troop deployment", "Conscription"),
}

TAXONOMY: dict[str, tuple[str, ...]] = {**ACLED, **EXTRA}

#: Sub-type -> type. Sub-type names are unique across the whole taxonomy.
TYPE_OF: dict[str, str] = {sub: etype for etype, subs in TAXONOMY.items() for sub in subs}

#: CASE 2021 task 2 labels -> ACLED sub-event names (from the task's "Note on EVENT TYPES").
CASE2021_TO_ACLED: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}

#: CASE 2021 labels with no ACLED counterpart. DIPLO (diplomatic acts) maps onto our own types; the rest
#: are out of scope (crime, disasters), where the right answer for warwire is "no conflict event".
CASE2021_UNSEEN: dict[str, str | None] = {
    "DIPLO": "Visit/Meeting|Statement",
    "ATTRIB": "Statement",
    "ORG_CRIME": None,
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
}

#: ACLED's pre-2019 event types -> the modern event type. "Riots/Protests" was split in 2019 into two
#: types and cannot be mapped from the label alone, so it is left out (None).
ACLED_2016_TO_TYPE: dict[str, str | None] = {
    "Battle-No change of territory": "Battles",
    "Battle-Government regains territory": "Battles",
    "Battle-Non-state actor overtakes territory": "Battles",
    "Remote violence": "Explosions/Remote violence",
    "Violence against civilians": "Violence against civilians",
    "Strategic development": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Riots/Protests": None,
}

#: Sub-types whose pre-2019 type pins them down, for using the 2016 sample as sub-event training data.
ACLED_2016_TO_SUBTYPE: dict[str, str] = {
    "Battle-Government regains territory": "Government regains territory",
    "Battle-Non-state actor overtakes territory": "Non-state actor overtakes territory",
    "Non-violent transfer of territory": "Non-violent transfer of territory",
    "Headquarters or base established": "Headquarters or base established",
}


def event_type(subtype: str) -> str:
    """Return the event type a sub-type belongs to (KeyError for an unknown sub-type)."""
    return TYPE_OF[subtype]


def is_acled(etype: str) -> bool:
    """True when the event type is one of ACLED's six (so it belongs in an ACLED export)."""
    return etype in ACLED


#: PLOVER gold-standard records (event, or event/mode) -> our sub-types, where the PLOVER category fits one
#: of ours; the rest (AID, CONCEDE, SANCTION, ...) has no counterpart and is not used.
PLOVER_TO_SUBTYPE: dict[str, str] = {
    "THREATEN": "Threat",
    "REJECT": "Rejection",
    "DEMAND": "Demand",
    "AGREE": "Agreement",
    "CONSULT": "Meeting",
    "CONSULT/visit": "Visit",
    "PROTEST/demo-org": "Peaceful protest",
    "PROTEST/demo-spon": "Peaceful protest",
    "PROTEST/strike-gen": "Peaceful protest",
    "PROTEST/strike-hun": "Peaceful protest",
    "PROTEST/riot": "Violent demonstration",
    "PROTEST/riot-spon": "Violent demonstration",
    "ASSAULT/suicide-attack": "Suicide bomb",
    "ASSAULT/sexual": "Sexual violence",
    "ASSAULT/explosives": "Remote explosive/landmine/IED",
    "ASSAULT/assassinate": "Attack",
    "ASSAULT/beat": "Attack",
    "ASSAULT/primitive": "Attack",
    "ASSAULT/torture": "Attack",
    "COERCE/arrest": "Arrests",
    "COERCE/detain": "Arrests",
    "COERCE/confiscate": "Disrupted weapons use",
    "COERCE/firearms": "Disrupted weapons use",
    "COERCE/destroy": "Looting/property destruction",
    "COERCE/curfew": "Change to group/activity",
    "COERCE/martial-law": "Change to group/activity",
    "COERCE/ban": "Change to group/activity",
    "FIGHT": "Armed clash",
    "FIGHT/heavy-weapons": "Armed clash",
    "FIGHT/firearms": "Armed clash",
    "MOBILIZE/troops": "Troop deployment",
    "MOBILIZE/police": "Troop deployment",
}


def plover_subtype(event: str, mode: str | None) -> str | None:
    """Our sub-type for a PLOVER event and mode, or None where PLOVER's category has no counterpart."""
    key = f"{event}/{mode}" if mode else event
    if key in PLOVER_TO_SUBTYPE:
        return PLOVER_TO_SUBTYPE[key]
    # Any kind of threat is a threat and any kind of consultation a meeting; other modes are too varied.
    return PLOVER_TO_SUBTYPE.get(event) if event in ("THREATEN", "CONSULT") else None
