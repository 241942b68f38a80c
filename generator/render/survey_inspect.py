"""What `milepost survey inspect` prints: the detected tool, questions and scores of one
export, as text for the PM or as the documented JSON object (no respondent data)."""

from __future__ import annotations

from typing import Any

from generator.analyze.surveys import SurveyScores
from generator.i18n import tr
from generator.model.survey import Survey


def question_counts(survey: Survey) -> dict[str, int]:
    """Answers per question among complete responses (skipped and damaged cells excluded)."""
    counts = {q.id: 0 for q in survey.questions}
    for response in survey.responses:
        if not response.complete:
            continue
        for qid, answer in response.answers.items():
            if not answer.skipped:
                counts[qid] += 1
    return counts


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def inspect_json(survey: Survey, scores: SurveyScores) -> dict[str, Any]:
    """The documented `survey inspect --json` object; holds no respondent data."""
    counts = question_counts(survey)
    nps = scores.nps
    csat = scores.csat
    return {
        "tool": survey.tool,
        "encoding": survey.encoding,
        "respondents": scores.respondents,
        "complete": scores.complete,
        "partial": scores.partial,
        "questions": [
            {"id": q.id, "text": q.text, "kind": q.kind.value, "n": counts[q.id]}
            for q in survey.questions
        ],
        "nps": None
        if nps is None
        else {
            "question": nps.question,
            "score": _round(nps.score),
            "promoters": nps.promoters,
            "passives": nps.passives,
            "detractors": nps.detractors,
            "n": nps.n,
            "ci95": [_round(nps.ci95.low), _round(nps.ci95.high)] if nps.ci95 else None,
        },
        "csat": None
        if csat is None
        else {
            "question": csat.question,
            "top2_pct": _round(csat.top2_pct),
            "top2": csat.top2,
            "mean": None if csat.mean is None else round(csat.mean, 2),
            "n": csat.n,
        },
        "damaged": [
            {"line": d.line, "column": d.column, "question": d.question, "reason": d.reason}
            for d in survey.damaged
        ],
        "warnings": list(survey.warnings),
    }


def inspect_text(survey: Survey, scores: SurveyScores) -> str:
    from generator.load.tables import encoding_name

    counts = question_counts(survey)
    encoding = encoding_name(survey.encoding)
    lines = [
        f"{survey.source}",
        tr("  tool: {tool}   encoding: {encoding}", tool=survey.tool, encoding=encoding),
        tr(
            "  respondents: {n} ({complete} complete, {partial} partial)",
            n=scores.respondents,
            complete=scores.complete,
            partial=scores.partial,
        ),
        "",
        tr("  id        kind            n  question"),
    ]
    for q in survey.questions:
        text = " ".join(q.text.split())
        text = text if len(text) <= 70 else text[:69] + "…"
        lines.append(f"  {q.id:<9} {q.kind.value:<13} {counts[q.id]:>4}  {text}")
    lines.append("")
    if scores.nps:
        nps = scores.nps
        if nps.headline and nps.score is not None and nps.ci95:
            lines.append(
                tr(
                    "  NPS ({question}): {score}  (95% CI {low} to {high}; n = {n}: "
                    "{promoters} promoters, {passives} passives, {detractors} detractors)",
                    question=nps.question,
                    score=f"{nps.score:+.0f}",
                    low=f"{nps.ci95.low:+.0f}",
                    high=f"{nps.ci95.high:+.0f}",
                    n=nps.n,
                    promoters=nps.promoters,
                    passives=nps.passives,
                    detractors=nps.detractors,
                )
            )
        else:
            lines.append(
                tr(
                    "  NPS ({question}): n = {n}, too few for a score: "
                    "{promoters} of {n} promoters, {detractors} of {n} detractors",
                    question=nps.question,
                    n=nps.n,
                    promoters=nps.promoters,
                    detractors=nps.detractors,
                )
            )
    else:
        lines.append(
            tr("  NPS: no 0-10 'recommend' question found (say which in the mapping file)")
        )
    if scores.csat:
        c = scores.csat
        if c.headline and c.top2_pct is not None and c.mean is not None:
            lines.append(
                tr(
                    "  CSAT ({question}): {pct}% top-2-box (4 or 5 of 5), mean {mean}, n = {n}",
                    question=c.question,
                    pct=f"{c.top2_pct:.0f}",
                    mean=f"{c.mean:.2f}",
                    n=c.n,
                )
            )
        else:
            lines.append(
                tr(
                    "  CSAT ({question}): n = {n}, {top2} of {n} chose 4 or 5",
                    question=c.question,
                    n=c.n,
                    top2=c.top2,
                )
            )
    else:
        lines.append(tr("  CSAT: no 1-5 satisfaction question found"))
    for warning in survey.warnings:
        lines.append(tr("  warning: {warning}", warning=warning))
    if survey.damaged:
        for d in survey.damaged[:10]:
            lines.append(
                tr(
                    "  damaged: line {line}, column {column} ({question}): {reason}",
                    line=d.line,
                    column=d.column,
                    question=d.question,
                    reason=d.reason,
                )
            )
    return "\n".join(lines)
