"""English words and sentences."""

from __future__ import annotations

NUMBERS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "couple": 2, "few": 3,
}  # fmt: skip
ARTICLES = {"a", "an"}
UNITS = {"minute": 1.0, "minutes": 1.0, "min": 1.0, "mins": 1.0,
         "hour": 60.0, "hours": 60.0, "hr": 60.0, "hrs": 60.0}  # fmt: skip
FILLERS = {
    "for", "of", "and", "by", "another", "more", "extra", "about", "the",
    "please", "just", "only", "further", "additional", "s", "at", "with", "to",
    "my", "long", "lasting", "session", "walk", "now", "new", "i", "me", "mine",
    "this", "week",
}  # fmt: skip
INTRODUCERS = {"for"}
SELF = {"i", "me", "my", "mine", "myself"}
HUNDREDS = {"hundred"}
HALVES = {"half"}
QUARTERS = {"quarter", "quarters"}
NEGATIVE = {"minus", "negative"}

COMPOUNDS: dict[str, tuple[str, ...]] = {"halfhour": ("half", "hour")}

NOUNS = {
    # One session, as it is started, paused or asked about.
    "S": "(session|workout|workout session|training|training session|exercise|"
    "walk|walking|retro walk|retro walking|retrowalk|backward walk|backwards walk|"
    "backward walking|backwards walking|walking session|retro walking session|"
    "backward walking session|backwards walking session)",
    # Sessions of a week.
    "SS": "(sessions|workouts|trainings|training sessions|retro walks|backward walks|"
    "backwards walks|walks|walking|backward walking|backwards walking|retro walking|"
    "retrowalk)",
    # What a weekly summary is of.
    "W": "(walking|retro walk|retro walking|backward walking|backwards walking|"
    "session|workout|training|retrowalk)",
    "A": "[a|an|the|my|new]",
    "MIN": "(minute|minutes|min|mins)",
    "HOURS": "(hour|hours)",
}

SENTENCES: dict[str, list[str]] = {
    "start": [
        "(start|begin) <A> <S> [now]",
        "(start|begin) <A> <S> {details}",
        "(start|begin) [a|an|my] {length_min} <MIN> <S>",
        "(start|begin) [a|an|my] {length_h} <HOURS> <S>",
        "(start|begin) <NAME> <S> [now]",
        "(start|begin) (walking|to walk) backward[s] [now]",
        "(start|begin) (walking|to walk) backward[s] {details}",
        "(let's|let us|i want to|i'd like to) (walk|go) backward[s] [now]",
        "(let's|let us|i want to|i'd like to) (walk|go) backward[s] {details}",
        "(let's|let us|i want to|i'd like to) do <A> <S> [now]",
        "(let's|let us|i want to|i'd like to) do <A> <S> {details}",
    ],
    "pause": [
        "(pause|hold) <A> <S>",
        "(pause|hold) <A> <S> (for|of) {person}",
        "(pause|hold) <NAME> <S>",
        "put <A> <S> on hold",
        "pause walking backward[s]",
    ],
    "resume": [
        "(resume|continue|unpause|restart) <A> <S>",
        "(resume|continue|unpause|restart) <A> <S> (for|of) {person}",
        "(resume|continue|unpause) <NAME> <S>",
        "(keep|carry on|go on|continue|resume) walking backward[s]",
    ],
    "stop": [
        "(stop|end|finish|cancel) <A> <S>",
        "(stop|end|finish|cancel) <A> <S> (for|of) {person}",
        "(stop|end|finish|cancel) <NAME> <S>",
        "stop walking backward[s]",
    ],
    "extend": [
        "(extend|lengthen|prolong) <A> <S> by {minutes}",
        "(extend|lengthen|prolong) <A> <S> (for|of) {person} by {minutes}",
        "(extend|lengthen|prolong) <NAME> <S> by {minutes}",
        "add {minutes} to <A> <S>",
        "add {minutes} to <NAME> <S>",
    ],
    "status": [
        "how (much time|long) is left (on|in|of|for) <A> <S>",
        "how (much time|long) is left (on|in|of|for) <NAME> <S>",
        "how much longer (is|on|for) <A> <S>",
        "how is <A> <S> going",
        "how is <NAME> <S> going",
        "(what is|what's|give me) <A> <S> status",
        "<S> status",
        "status of <A> <S>",
        "how many calories (have i burned|did i burn) [so far] (in|on|during) <A> <S>",
        "how many calories (has <NAME> burned|did <NAME> burn) [so far] "
        "(in|on|during) [the|his|her|their] <S>",
    ],
    "summary": [
        "[give me] [my|the] weekly <W> (summary|report|progress)",
        "[give me] [the] weekly <W> (summary|report|progress) (for|of) {person}",
        "[give me] [my|the] <W> (summary|report|progress) (of|for) this week",
        "how (did i do|am i doing) (with|on|in) [my|the] <SS> this week",
        "how (did <NAME> do|is <NAME> doing) (with|on|in) [his|her|their|the] <SS> "
        "this week",
        "(what is|what's) my weekly <W> (summary|progress)",
        "how did my (week|walking week|training week|workout week) go",
    ],
}

BARE: dict[str, list[str]] = {
    "pause": [
        "pause [it|now|please]",
        "take a break",
        "hold on",
    ],
    "resume": [
        "(resume|continue|unpause) [it|now|please]",
        "(go on|keep going|carry on)",
    ],
    "stop": [
        "(stop|end|finish) [it|now|please]",
        "(i'm|i am) done",
        "that's enough",
    ],
    "extend": [
        "(add|extend by|extend it by) {length_min} [more|extra] <MIN>",
        "(add|extend by|extend it by) {length_h} [more|extra] <HOURS>",
        "(add|extend by|extend it by) {length_h} of an hour",
        "(give me|i want|let's do) {length_min} more <MIN>",
        "(give me|i want|let's do) another {length_min} <MIN>",
    ],
    "status": [
        "how (much time|long) is left",
        "how much time do i have left",
        "how much longer",
        "how long to go",
        "how many minutes (are left|to go)",
        "time left",
        "how am i doing",
        "how many calories (have i burned|did i burn) [so far]",
        "status",
    ],
}
