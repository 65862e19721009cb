"""Everything the app says about medicine, in one place, each statement with its source.

The app keeps what the person's prescriber decided. It never works out, suggests or
changes a dose, never predicts take-home eligibility and never says it is safe or clear to
start anything; when a dose is missed it sends the person to their clinic or prescriber,
with the number from their own records, and reminds them of naloxone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from recovery_cli.store.words import counted

METHADONE = "methadone"
BUPRENORPHINE = "buprenorphine"
NALTREXONE = "naltrexone"
NALOXONE = "naloxone"
OTHER = "other"

# The medicine names the app recognises, generic and brand, by what they are. Brand
# names as sold in the US, UK, Australia and Europe ("Subuxone" is a spelling people use).
KNOWN_NAMES: dict[str, str] = {
    "methadone": METHADONE,
    "methadose": METHADONE,
    "physeptone": METHADONE,
    "buprenorphine": BUPRENORPHINE,
    "subutex": BUPRENORPHINE,
    "suboxone": BUPRENORPHINE,
    "subuxone": BUPRENORPHINE,
    "zubsolv": BUPRENORPHINE,
    "espranor": BUPRENORPHINE,
    "sublocade": BUPRENORPHINE,
    "brixadi": BUPRENORPHINE,
    "buvidal": BUPRENORPHINE,
    "naltrexone": NALTREXONE,
    "vivitrol": NALTREXONE,
    "revia": NALTREXONE,
    "naloxone": NALOXONE,
}

# Australian national guidelines for methadone and buprenorphine, section 3.5: a
# prescriber reviews the dose after 3 or more consecutive missed doses, because tolerance
# falls. A common clinic rule; the person can set their own clinic's number of days.
DEFAULT_MISSED_ALERT = {METHADONE: 3, BUPRENORPHINE: 3}

# The one line saying whose word counts (shown in `meds --help` and the README).
CLINIC_FIRST = (
    "Your clinic's and prescriber's instructions always come first: this app only keeps "
    "the record you give it, and never tells you how much to take."
)

# Australian national guidelines, section 3.5 (review after missed doses; tolerance falls
# after a few days without it); Sordo et al., BMJ 2017 (staying on methadone or
# buprenorphine halves the risk of death, so the message is to get back in touch, kindly).
_MISSED = (
    "You have missed {days} in a row. That happens, and your clinic can help. Please "
    "contact your clinic or prescriber before your next dose: tolerance can drop after a "
    "few days without it, so they need to hear from you first. Keep naloxone with you."
)

# Naltrexone label warning (Vivitrol and naltrexone tablets): trying to overcome the
# opioid blockade with opioids, or using opioids after it wears off (a missed or late
# dose), can cause an overdose that can kill.
_NALTREXONE = (
    "Your naltrexone dose is late or missed. Please contact your clinic or prescriber. "
    "Using opioids to try to get past the block, or after it wears off, can cause an "
    "overdose that can kill. Keep naloxone with you, and don't use alone."
)

# A gap in treatment is the risky moment: tolerance falls within days, and the risk of
# death is highest in the weeks after leaving treatment (Sordo et al., BMJ 2017).
PRESCRIPTION_ENDED = (
    "If that was not planned with your prescriber, please contact your clinic or "
    "prescriber before going without it; carry naloxone."
)

# 42 CFR 8 (as amended by 89 FR 7528, 2024): take-home doses are the clinic's decision,
# and patients are taught to store them securely; methadone and buprenorphine labels warn
# that a dose taken by someone else, a child above all, can kill.
TAKEHOME_REMINDER = (
    "Please keep take-home doses locked away, out of sight and reach of others, especially "
    "children: a dose meant for you can kill someone else."
)

_UNITS = "(mg, ml, ...)"
_AS_GIVEN = "write it as your prescriber gave it"
_NUMBER_ONLY = re.compile(r"^[\d\s.,/]*$")


def kind_of(name: str) -> str:
    """What a medication is (METHADONE, BUPRENORPHINE, ...) from a known name in its
    name ("Suboxone film", "methadone liquid"); OTHER when there is none."""
    for word in re.findall(r"[a-z]+", name.casefold()):
        if word in KNOWN_NAMES:
            return KNOWN_NAMES[word]
    return OTHER


def default_missed_alert(kind: str) -> int | None:
    """The missed days in a row that bring the message when the person set none."""
    return DEFAULT_MISSED_ALERT.get(kind)


def default_schedule(kind: str) -> str:
    """Naloxone is kept for an emergency, not taken on a schedule."""
    return "as-needed" if kind == NALOXONE else "daily"


def alerts_on_any_missed_day(kind: str) -> bool:
    """Naltrexone: any late or missed dose brings the label's warning."""
    return kind == NALTREXONE


def dose_problem(dose: str) -> str | None:
    """Why a dose as typed cannot be kept (empty, or a number without its unit); None
    when it can. The dose is kept as text and never read as a number."""
    if not dose.strip():
        return f"the dose must not be empty; {_AS_GIVEN}, with its unit {_UNITS}"
    if _NUMBER_ONLY.match(dose):
        return f"the dose {dose.strip()!r} needs its unit {_UNITS}; {_AS_GIVEN}"
    return None


def missed_alert(kind: str, missed_days: int, clinic: str, phone: str, hours: str) -> str:
    """The message after missed doses, with the clinic's details from the person's own
    records. It never says how much to take."""
    missed = _MISSED.format(days=counted(missed_days, "day"))
    message = _NALTREXONE if alerts_on_any_missed_day(kind) else missed
    return f"{message} {_clinic_line(clinic, phone, hours)}"


def _clinic_line(clinic: str, phone: str, hours: str) -> str:
    if not (clinic or phone):
        return "(No clinic phone number is saved with this medication yet.)"
    parts = [clinic] if clinic else []
    parts += [f"phone {phone}"] if phone else []
    parts += [f"hours {hours}"] if hours else []
    return "Your clinic: " + ", ".join(parts) + "."


# Opioids, generic and brand, as a person may list what they used: CDC "Opioid Basics:
# Commonly Used Terms" (heroin, fentanyl, prescription opioids such as oxycodone,
# hydrocodone, morphine, methadone); NIDA "Prescription Opioids DrugFacts" (codeine,
# oxymorphone, hydromorphone); buprenorphine and tramadol are opioids on their labels.
OPIOID_WORDS = frozenset(
    {
        "opioid", "opioids", "opiate", "opiates", "opium", "heroin", "fentanyl",
        "fentanil", "carfentanil", "methadone", "oxycodone", "oxycontin", "percocet",
        "oxy", "oxys", "morphine", "codeine", "buprenorphine", "suboxone", "subutex",
        "tramadol", "hydrocodone", "vicodin", "hydromorphone", "dilaudid", "oxymorphone",
        "tapentadol", "pethidine", "meperidine", "demerol", "nitazene", "nitazenes",
    }
)  # fmt: skip

# How a kit is given. Its expiry as a label prints it, "EXP 2027-03", is the last day of
# that month (USP General Notices 10.40.100, "Expiration Date"): see care/naloxone.py.
NALOXONE_KINDS = {"nasal": "nasal spray", "injection": "injection"}

# SAMHSA Opioid Overdose Prevention Toolkit (2018), "Five essential steps for first
# responders", and the Narcan nasal spray Drug Facts label: call emergency services, stay
# with the person; naloxone can wear off before the opioids do, so the overdose can come
# back and more than one dose may be needed. Never say anyone is safe now.
_AFTER_USED = (
    "Thank you for noting it. If emergency services have not been called yet, please "
    "{call} now, and stay with the person. Naloxone can wear off before the opioids do, so "
    "the overdose can come back and more than one dose may be needed. When you can, get a "
    "new kit so that you have one ready again."
)

# FDA, 29 March 2023: Narcan 4 mg naloxone nasal spray approved for sale without a
# prescription in the US. Elsewhere, clinics, pharmacies and harm-reduction services give
# kits (WHO, "Opioid overdose" fact sheet, 2023), so the line stays general outside the US.
_NO_KIT = (
    "Naloxone (Narcan) reverses an opioid overdose. If you don't have a kit, a pharmacy, "
    "your clinic or a harm-reduction service can give you one{where}. Note where you "
    "keep it with recovery naloxone add, and it will be shown here."
)
_NO_KIT_US = ", and in the US pharmacies sell it without a prescription"

# Australian national guidelines for methadone and buprenorphine, section 3.5: after
# missed doses the prescriber reviews the dose before the next one, because tolerance can
# fall; a missed injection (Sublocade, Buvidal labels) is rescheduled by the clinic.
MISSED_APPOINTMENT = "Please contact your clinic or prescriber before your next dose."


def mentions_opioid(substances: Sequence[str]) -> bool:
    """Whether any of the substances as the person wrote them names an opioid."""
    return any(
        word in OPIOID_WORDS
        for text in substances
        for word in re.findall(r"[a-z]+", text.casefold())
    )


def after_naloxone_used(emergency: str | None) -> str:
    """What to do after naloxone was given, with the region's emergency number if known."""
    call = f"call {emergency}" if emergency else "call your local emergency number"
    return _AFTER_USED.format(call=call)


def naloxone_kit_line(kind: str, where: str, expires: date) -> str:
    """Where the person's kit is, for the lapse response."""
    place = f", {where}" if where else ""
    return (
        f"Your naloxone: {NALOXONE_KINDS.get(kind, kind)}{place} (expires {expires.isoformat()})."
    )


def naloxone_expiry_line(kind: str, where: str, expires: date, today: date) -> str:
    """A kit that expires soon or has expired, for the things to watch. (Expired naloxone
    may work less well: replace it, and still use an old one in an emergency if it is all
    there is; SAMHSA Opioid Overdose Prevention Toolkit, 2018.)"""
    place = f", {where}" if where else ""
    when = "expired on" if expires < today else "expires on"
    return (
        f"Your naloxone ({NALOXONE_KINDS.get(kind, kind)}{place}) {when} "
        f"{expires:%a} {expires.day} {expires:%b %Y}. A pharmacy or your clinic can give "
        "you a new one."
    )


def no_naloxone_line(region: str) -> str:
    """Where a kit can be had, for someone with none recorded."""
    return _NO_KIT.format(where=_NO_KIT_US if region == "US" else "")
