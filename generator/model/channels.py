"""Chat channels a workspace or a project posts status cards to (milepost notify).

Only the names of environment variables live in the workspace: webhook URLs carry a token
and secrets sign messages, so neither may be committed to a content file.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.model.base import Ident, Record

EnvName = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        description="name of an environment variable, e.g. MILEPOST_SLACK_WEBHOOK",
    ),
]


class ChannelKind(StrEnum):
    slack = "slack"
    teams = "teams"
    feishu = "feishu"
    dingtalk = "dingtalk"
    wecom = "wecom"


class NotifyEvent(StrEnum):
    weekly = "weekly"
    monthly = "monthly"
    closing = "closing"
    update = "update"
    agenda = "agenda"  # the PM's agenda (milepost notify agenda): internal channels only


# Only these services sign webhook calls with a shared secret.
SIGNING_KINDS = frozenset({ChannelKind.feishu, ChannelKind.dingtalk})


class NotifyChannel(Record):
    kind: ChannelKind
    name: Ident = Field(description="a short name used in messages and the notify ledger")
    webhook_env: EnvName = Field(description="environment variable holding the webhook URL")
    secret_env: EnvName | None = Field(
        None, description="environment variable holding the signing secret (Feishu, DingTalk)"
    )
    events: list[NotifyEvent] = Field(
        default_factory=lambda: list(NotifyEvent),
        description="which cards this channel receives",
    )
    audience: Literal["client", "internal"] = Field(
        "client",
        description="who reads the channel: 'client' cards carry only client-visible records",
    )

    @model_validator(mode="after")
    def _secret_only_where_signed(self) -> NotifyChannel:
        if self.secret_env and self.kind not in SIGNING_KINDS:
            raise ValueError(
                f"{self.kind} webhooks are not signed; remove secret_env "
                "(only feishu and dingtalk use one)"
            )
        return self
