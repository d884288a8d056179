-- Appeals (申诉单, A5.3, R4.7, R4.8): a registrant appeals an effective ticket once, with a reason and up to four
-- images; the school approves (the ticket is revoked) or rejects with a reason.
CREATE TABLE ticket_appeal (
    id             bigserial     PRIMARY KEY,
    ticket_id      bigint        NOT NULL REFERENCES ticket (id),
    registrant_id  bigint        NOT NULL,
    reason         varchar(500)  NOT NULL,
    status         varchar(10)   NOT NULL DEFAULT 'PENDING',
    reviewed_by    varchar(200),
    reviewed_at    timestamptz,
    reject_reason  varchar(200),
    created_at     timestamptz   NOT NULL DEFAULT now(),
    -- One appeal per ticket: a rejected appeal is final (the registrant is told why).
    CONSTRAINT ticket_appeal_ticket_uq UNIQUE (ticket_id),
    CONSTRAINT ticket_appeal_status_ck CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    CONSTRAINT ticket_appeal_reject_ck CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL)
);

CREATE INDEX ticket_appeal_created_idx ON ticket_appeal (created_at DESC, id DESC);
CREATE INDEX ticket_appeal_status_idx ON ticket_appeal (status, created_at DESC);
CREATE INDEX ticket_appeal_registrant_idx ON ticket_appeal (registrant_id, created_at DESC);

CREATE TABLE ticket_appeal_image (
    appeal_id     bigint       NOT NULL REFERENCES ticket_appeal (id) ON DELETE CASCADE,
    position      int          NOT NULL,
    object_key    varchar(200) NOT NULL,
    content_type  varchar(40)  NOT NULL,
    size_bytes    bigint       NOT NULL,
    PRIMARY KEY (appeal_id, position)
);
