-- Durable outbox of WeChat notifications (R4.11). A row is written in the same transaction as the business change
-- that causes it (a feedback reply, a vehicle registration decision), so a committed change always has its message
-- and a rolled-back one never does. Dispatchers on every node claim due rows with FOR UPDATE SKIP LOCKED, send and
-- mark them in one transaction, so two dispatchers never send the same row.
CREATE TABLE notification_outbox (
    id               bigserial     PRIMARY KEY,
    -- Who asked for the message and why, e.g. "feedback-replied:42": enqueuing the same key twice is a no-op.
    dedup_key        varchar(200)  NOT NULL,
    kind             varchar(40)   NOT NULL,
    -- The recipient: a registrant (whose current WeChat binding is read when sending) or an openid.
    registrant_id    bigint,
    openid           varchar(64),
    data             jsonb         NOT NULL,
    url              varchar(500),
    status           varchar(10)   NOT NULL DEFAULT 'PENDING',
    attempts         int           NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL,
    last_error       varchar(500),
    wechat_msgid     varchar(64),
    created_at       timestamptz   NOT NULL,
    sent_at          timestamptz,
    CONSTRAINT notification_outbox_dedup_uq UNIQUE (dedup_key),
    CONSTRAINT notification_outbox_status_ck CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    CONSTRAINT notification_outbox_recipient_ck CHECK (registrant_id IS NOT NULL OR openid IS NOT NULL)
);

-- The dispatcher's claim: due pending rows, oldest first. Sent rows leave the index.
CREATE INDEX notification_outbox_due_ix ON notification_outbox (next_attempt_at, id) WHERE status = 'PENDING';
