-- Visitors and their bookings (V1–V4, R4.2, R4.3; console A6.2–A6.4 and the retention purge build on these tables).

-- A visitor signs in with WeChat alone: the openid is the account. Personal data is guarded like a registrant's:
-- phone and ID card number sealed (AES-GCM, bound to school and column), found by keyed blind indexes, listed only
-- masked. Everything but the openid is optional until the first booking asks for it. purged_at marks a visitor
-- whose personal data the retention job has erased (the row and its bookings stay for the statistics).
CREATE TABLE visitor (
    id                   bigserial    PRIMARY KEY,
    wechat_openid        varchar(64),
    avatar_key           varchar(200),
    name                 varchar(50),
    phone_encrypted      text,
    phone_index          varchar(64),
    phone_masked         varchar(11),
    id_number_encrypted  text,
    id_number_index      varchar(64),
    id_number_masked     varchar(18),
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    purged_at            timestamptz,
    CONSTRAINT visitor_openid_uq UNIQUE (wechat_openid)
);

-- Invitations are addressed to a phone: the invited visitor finds them through this index.
CREATE INDEX visitor_phone_idx ON visitor (phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX visitor_id_number_idx ON visitor (id_number_index) WHERE id_number_index IS NOT NULL;
-- The retention purge walks visitors not yet purged, oldest activity first.
CREATE INDEX visitor_retention_idx ON visitor (updated_at) WHERE purged_at IS NULL;

-- One visit of one visitor to one host in one slot of one day.
--   kind VISITOR_REQUEST: the visitor asked; PENDING_APPROVAL -> APPROVED | REJECTED (reason) | CANCELLED.
--   kind HOST_INVITATION: a teacher invited a phone; PENDING_CONFIRMATION -> APPROVED (confirmed) | CANCELLED.
--   APPROVED is "effective"; it becomes VISITED at the first allowed gate verification, EXPIRED after its window.
-- The visitor's details are copied in (snapshot) when the booking is made or confirmed: the record stays true when
-- the profile changes, and lists need no joins. For an unconfirmed invitation visitor_id may be null: it is
-- addressed to invitee_phone_index (the phone the host typed) and claimed by the visitor who confirms it.
-- host_department_id is copied from the host at booking time: department statistics group by it without joins.
CREATE TABLE visitor_booking (
    id                   bigserial     PRIMARY KEY,
    kind                 varchar(20)   NOT NULL,
    visitor_id           bigint        REFERENCES visitor (id),
    host_id              bigint        NOT NULL,
    host_name            varchar(50)   NOT NULL,
    host_department_id   bigint,
    visit_date           date          NOT NULL,
    slot                 varchar(10)   NOT NULL,
    reason               varchar(200)  NOT NULL,
    transport            varchar(20),
    plate                varchar(16),
    companion_count      int           NOT NULL DEFAULT 0,
    -- [{"name": "...", "plate": "..."}]: names (and plates) of the companions, at most companion_count entries.
    companions           jsonb         NOT NULL DEFAULT '[]'::jsonb,
    visitor_name         varchar(50),
    visitor_phone_masked varchar(11),
    visitor_id_masked    varchar(18),
    invitee_phone_index  varchar(64),
    pledge_accepted_at   timestamptz,
    status               varchar(24)   NOT NULL,
    reject_reason        varchar(200),
    decided_by           varchar(200),
    decided_at           timestamptz,
    visited_at           timestamptz,
    visited_gate_id      bigint,
    created_by           varchar(200)  NOT NULL,
    created_at           timestamptz   NOT NULL DEFAULT now(),
    updated_at           timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT visitor_booking_kind_ck CHECK (kind IN ('VISITOR_REQUEST', 'HOST_INVITATION')),
    CONSTRAINT visitor_booking_slot_ck CHECK (slot IN ('MORNING', 'AFTERNOON', 'EVENING')),
    CONSTRAINT visitor_booking_status_ck CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'REJECTED',
        'PENDING_CONFIRMATION', 'CANCELLED', 'VISITED', 'EXPIRED')),
    CONSTRAINT visitor_booking_companions_ck CHECK (companion_count BETWEEN 0 AND 20),
    -- Anything but an unconfirmed invitation belongs to a visitor.
    CONSTRAINT visitor_booking_visitor_ck CHECK (visitor_id IS NOT NULL OR status IN ('PENDING_CONFIRMATION',
        'CANCELLED')),
    CONSTRAINT visitor_booking_reject_ck CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL)
);

-- V1.1 b "同一个访客，同一天，未访问的预约最多可以有三次（早上，下午，晚上）", enforced by the database so that
-- parallel requests cannot break it: at most ONE not-yet-visited booking (waiting for approval or effective) per
-- visitor, day and slot. There are exactly three slots, so this one index also caps a day at three. Unconfirmed
-- invitations do not count (a host may send several for one slot); confirming one enters this index and fails on a
-- taken slot. Visited, rejected, cancelled and expired bookings leave it.
CREATE UNIQUE INDEX visitor_booking_one_per_slot_uq ON visitor_booking (visitor_id, visit_date, slot)
    WHERE status IN ('PENDING_APPROVAL', 'APPROVED');

-- Index plan: the visitor's tabs and overlap checks (visitor, date), the host's lists (host, date), invitations
-- by phone, the console list newest first and statistics over a date range by department / host / visitor
-- (A6.2–A6.4: the leading date range, then the grouping column), the expiry job over effective bookings.
CREATE INDEX visitor_booking_visitor_idx ON visitor_booking (visitor_id, visit_date DESC, id DESC);
CREATE INDEX visitor_booking_host_idx ON visitor_booking (host_id, visit_date DESC, id DESC);
CREATE INDEX visitor_booking_invitee_idx ON visitor_booking (invitee_phone_index, visit_date DESC)
    WHERE invitee_phone_index IS NOT NULL;
CREATE INDEX visitor_booking_date_idx ON visitor_booking (visit_date DESC, id DESC);
CREATE INDEX visitor_booking_created_idx ON visitor_booking (created_at DESC, id DESC);
CREATE INDEX visitor_booking_department_idx ON visitor_booking (host_department_id, visit_date);
CREATE INDEX visitor_booking_stats_idx ON visitor_booking (visit_date, host_department_id, status)
    INCLUDE (companion_count, visitor_id);
CREATE INDEX visitor_booking_effective_idx ON visitor_booking (visit_date, slot) WHERE status = 'APPROVED';

-- One row per verification of a visitor pass (allowed or denied): who, which booking, which gate, how. A sibling
-- of access_record rather than nullable columns in it: registrant records are copied registrant fields and their
-- list/filters stay as they are; visitor records carry the booking, host and department the statistics need.
-- Name and masked phone are copied in, like access_record does, so the record needs no join and survives edits.
CREATE TABLE visitor_access_record (
    id                  bigserial    PRIMARY KEY,
    booking_id          bigint       NOT NULL REFERENCES visitor_booking (id),
    visitor_id          bigint       NOT NULL REFERENCES visitor (id),
    host_id             bigint       NOT NULL,
    host_department_id  bigint,
    name                varchar(50),
    phone_masked        varchar(11),
    campus_id           bigint,
    gate_id             bigint       NOT NULL,
    method              varchar(10)  NOT NULL,
    allowed             boolean      NOT NULL,
    reason              varchar(30),
    verified_by         varchar(200) NOT NULL,
    passed_at           timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX visitor_access_record_passed_idx ON visitor_access_record (passed_at DESC, id DESC);
CREATE INDEX visitor_access_record_booking_idx ON visitor_access_record (booking_id, passed_at DESC);
CREATE INDEX visitor_access_record_visitor_idx ON visitor_access_record (visitor_id, passed_at DESC);
CREATE INDEX visitor_access_record_gate_idx ON visitor_access_record (gate_id, passed_at DESC);
CREATE INDEX visitor_access_record_department_idx ON visitor_access_record (host_department_id, passed_at DESC);
