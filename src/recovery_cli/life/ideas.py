"""Built-in ideas for small goals that build the skills of a life in recovery, a few for
each area, written for this app: concrete, within reach in a week or two, and meant to be
changed to fit. Any of them becomes a goal with one command."""

from __future__ import annotations

from recovery_cli.life.goals import AREAS
from recovery_cli.store.errors import RecoveryError

IDEAS: dict[str, tuple[str, ...]] = {
    "work": (
        "Update my CV with what I can do now",
        "Ask someone I trust to practise an interview with me",
        "Look at one job or volunteering place each week",
        "Find out which employers near me welcome people in recovery",
    ),
    "education": (
        "Find one short course I would enjoy",
        "Spend twenty minutes a day learning something new",
        "Ask at the library or college what help they offer adults returning to study",
    ),
    "money": (
        "Write down a week of spending",
        "Make a simple budget for one month",
        "List what I owe, and to whom, without judging myself",
        "Ask a free debt advice service for a first talk",
    ),
    "housing": (
        "Find out the steps to stay where I live, or to move somewhere safe",
        "Keep my room tidy for a week",
        "Learn three meals I can cook on a small budget",
    ),
    "health": (
        "Go to bed at the same time for a week",
        "Walk for twenty minutes most days",
        "Book a check-up with a doctor or dentist",
        "Eat breakfast every day for a week",
    ),
    "relationships": (
        "Call one person I have lost touch with, if it is safe to",
        "Say thank you to someone who has helped me",
        "Plan one sober afternoon with family or a friend",
        "Practise saying no kindly to something that puts my recovery at risk",
    ),
    "recovery": (
        "Get the phone numbers of three people from meetings",
        "Find a sponsor or a mentor",
        "Go to ninety meetings in ninety days",
        "Write my own list of warning signs and what I will do about each",
    ),
    "other": (
        "Try a hobby I used to enjoy, or a new one",
        "Give an hour a week to help someone else",
        "Spend time outdoors each weekend",
    ),
}


def ideas_for(area: str) -> tuple[str, ...]:
    """The ideas for one area (an area already checked)."""
    return IDEAS.get(area, ())


def idea(area: str, number: int) -> str:
    """The idea with that number (from 1) in its area's list, or an error naming the
    numbers there are."""
    found = ideas_for(area)
    if area not in AREAS or not found:
        raise RecoveryError(f"no ideas for {area!r}; the areas are {', '.join(AREAS)}")
    if not 1 <= number <= len(found):
        raise RecoveryError(f"there is no idea {number} for {area}; they are 1 to {len(found)}")
    return found[number - 1]
