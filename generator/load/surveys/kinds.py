"""Tell what a question measures from its text and answers, when no mapping says so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.load.surveys.values import damage, is_skip, parse_number
from generator.model.survey import QuestionKind

NPS_TEXT = re.compile(
    r"recommend|推荐|推薦|weiterempfehlen|recomendar|recommander|raccomandare", re.IGNORECASE
)
CSAT_TEXT = re.compile(r"satisf|满意|滿意|zufrieden", re.IGNORECASE)
CES_TEXT = re.compile(r"\beas(y|ier|e)\b|effort|difficult|容易|费力|轻松|便捷", re.IGNORECASE)
OPEN_TEXT = re.compile(
    r"意见|建议|说明|原因|为什么|comment|suggest|anything else|\bwhy\b|describe|what should"
    r"|feedback",
    re.IGNORECASE,
)
_SCALE_TEXT = re.compile(r"(\d+)\s*(?:-|–|~|to|至|到)\s*(\d+)\s*(?:分|points?)?", re.IGNORECASE)
_HIGHEST_TEXT = re.compile(r"\((\d+) is the highest\)|(\d+)分(?:为|表示)(?:最高|非常)", re.I)

# Ordered answer labels seen in real exports, lowest first.
LABEL_SCALES: list[list[str]] = [
    ["strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree"],
    ["strongly disagree", "disagree", "neutral", "agree", "strongly agree"],
    [
        "very dissatisfied",
        "dissatisfied",
        "neither satisfied nor dissatisfied",
        "satisfied",
        "very satisfied",
    ],
    ["very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"],
    [
        "very inaccurate",
        "moderately inaccurate",
        "neither accurate nor inaccurate",
        "moderately accurate",
        "very accurate",
    ],
    ["very difficult", "difficult", "neither easy nor difficult", "easy", "very easy"],
    ["非常不满意", "不满意", "一般", "满意", "非常满意"],
    ["非常不同意", "不同意", "一般", "同意", "非常同意"],
    ["非常不重要", "不重要", "一般", "重要", "非常重要"],
    ["很不满意", "不满意", "一般", "满意", "很满意"],
]


@dataclass
class Inferred:
    kind: QuestionKind
    scale: tuple[int, int] | None = None
    labels: dict[str, float] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)


def declared_scale(text: str) -> tuple[int, int] | None:
    match = _SCALE_TEXT.search(text)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if 0 <= low < high <= 10:
            return low, high
    match = _HIGHEST_TEXT.search(text)
    if match:
        high = int(match.group(1) or match.group(2))
        return (0 if high == 10 else 1, high) if 3 <= high <= 10 else None
    return None


def _label_scale(values: list[str]) -> dict[str, float] | None:
    wanted = {v.strip().lower() for v in values}
    for scale in LABEL_SCALES:
        if wanted <= set(scale):
            return {label: float(i + 1) for i, label in enumerate(scale)}
    return None


def infer(text: str, cells: list[str], in_group: bool) -> Inferred:
    values = [c for c in cells if not is_skip(c) and not damage(c)]
    if not values:
        return Inferred(QuestionKind.text)
    numbers = [parse_number(v) for v in values]
    if all(n is not None for n in numbers):
        nums = [n for n in numbers if n is not None]
        whole = all(n.is_integer() for n in nums)
        low, high = int(min(nums)), int(max(nums))
        declared = declared_scale(text)
        if declared and declared[0] <= low and high <= declared[1]:
            scale: tuple[int, int] | None = declared
        elif whole and low >= 0 and high <= 10:
            scale = (0 if low == 0 or high > 7 else 1, 10 if high > 7 else (7 if high > 5 else 5))
        else:
            scale = None
        if whole and NPS_TEXT.search(text) and low >= 0 and high <= 10:
            return Inferred(QuestionKind.nps, (0, 10))
        if whole and scale and CSAT_TEXT.search(text) and scale[1] == 5 and low >= 1:
            return Inferred(QuestionKind.csat, (1, 5))
        if whole and scale and CES_TEXT.search(text) and scale[1] in (5, 7) and low >= 1:
            return Inferred(QuestionKind.ces, (1, scale[1]))
        if whole and scale and in_group and scale[1] <= 7 and low >= 1:
            return Inferred(QuestionKind.likert, (1, scale[1]))
        if scale:
            return Inferred(QuestionKind.rating, scale)
        return Inferred(QuestionKind.number)
    labels = _label_scale(values)
    if labels:
        top = len(labels)
        if CSAT_TEXT.search(" ".join(labels)) or CSAT_TEXT.search(text):
            return Inferred(
                QuestionKind.csat if top == 5 else QuestionKind.likert, (1, top), labels
            )
        return Inferred(QuestionKind.likert, (1, top), labels)
    distinct: list[str] = []
    for v in values:
        if v.strip() not in distinct:
            distinct.append(v.strip())
    average = sum(len(v) for v in values) / len(values)
    all_different = len(distinct) == len(values) and len(values) >= 3
    long_answers = average > 60 or (all_different and average >= 15) or bool(OPEN_TEXT.search(text))
    if not long_answers and len(distinct) <= max(8, len(values) // 3):
        return Inferred(QuestionKind.single_choice, options=distinct)
    return Inferred(QuestionKind.text)
