-- Violations (违章管理, A5.1–A5.3): the school's ticket items and the tickets staff issue to vehicles of registrants
-- or visitors. Appeals (A5.3) build on these tables.

-- 罚单项目: what a ticket is for and the points it counts.
CREATE TABLE ticket_item (
    id           bigserial    PRIMARY KEY,
    name         varchar(50)  NOT NULL,
    points       int          NOT NULL,
    description  varchar(500),
    enabled      boolean      NOT NULL DEFAULT true,
    updated_by   varchar(200),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ticket_item_name_uq UNIQUE (name),
    CONSTRAINT ticket_item_points_ck CHECK (points BETWEEN 0 AND 100)
);

-- Ticket numbers are readable and never reused: WZ + the school day + a sequence.
CREATE SEQUENCE ticket_no_seq;

-- 罚单: one ticket to one target (a registrant, or a visitor) for one item. Names, numbers and the masked phone are
-- copied in when the ticket is issued (a snapshot: the ticket stays true when the person changes, and the list needs
-- no joins); department_id is the registrant's department then, for department-scoped lists and statistics.
CREATE TABLE ticket (
    id                 bigserial     PRIMARY KEY,
    ticket_no          varchar(24)   NOT NULL,
    target_kind        varchar(12)   NOT NULL,
    registrant_id      bigint,
    visitor_id         bigint,
    vehicle_id         bigint,
    vehicle_type       varchar(10),
    plate              varchar(16),
    target_name        varchar(50)   NOT NULL,
    target_number      varchar(40),
    target_identity    varchar(20),
    target_phone_masked varchar(11),
    department_id      bigint,
    managed_department_id bigint,
    item_id            bigint        NOT NULL REFERENCES ticket_item (id),
    item_name          varchar(50)   NOT NULL,
    points             int           NOT NULL,
    location           varchar(100),
    remark             varchar(500),
    status             varchar(10)   NOT NULL DEFAULT 'EFFECTIVE',
    issued_by          varchar(200)  NOT NULL,
    issued_at          timestamptz   NOT NULL DEFAULT now(),
    revoke_reason      varchar(200),
    revoked_by         varchar(200),
    revoked_at         timestamptz,
    CONSTRAINT ticket_no_uq UNIQUE (ticket_no),
    CONSTRAINT ticket_target_kind_ck CHECK (target_kind IN ('REGISTRANT', 'VISITOR')),
    CONSTRAINT ticket_target_ck CHECK ((target_kind = 'REGISTRANT' AND registrant_id IS NOT NULL)
        OR (target_kind = 'VISITOR' AND visitor_id IS NOT NULL)),
    CONSTRAINT ticket_status_ck CHECK (status IN ('EFFECTIVE', 'REVOKED')),
    CONSTRAINT ticket_revoke_ck CHECK (status <> 'REVOKED' OR revoke_reason IS NOT NULL)
);

-- The list is newest first, filtered by status, item, plate or target; the registrant's and the vehicle's tickets
-- are read for the portal's 我的罚单 and the leaderboards.
CREATE INDEX ticket_issued_idx ON ticket (issued_at DESC, id DESC);
CREATE INDEX ticket_status_issued_idx ON ticket (status, issued_at DESC);
CREATE INDEX ticket_item_issued_idx ON ticket (item_id, issued_at DESC);
CREATE INDEX ticket_plate_idx ON ticket (plate, issued_at DESC);
CREATE INDEX ticket_registrant_idx ON ticket (registrant_id, issued_at DESC) WHERE registrant_id IS NOT NULL;
CREATE INDEX ticket_visitor_idx ON ticket (visitor_id, issued_at DESC) WHERE visitor_id IS NOT NULL;
CREATE INDEX ticket_issuer_idx ON ticket (issued_by, issued_at DESC);

-- 证明图片: the front, side and back of the vehicle, private in object storage.
CREATE TABLE ticket_photo (
    ticket_id     bigint       NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    position      varchar(5)   NOT NULL,
    object_key    varchar(200) NOT NULL,
    content_type  varchar(40)  NOT NULL,
    size_bytes    bigint       NOT NULL,
    PRIMARY KEY (ticket_id, position),
    CONSTRAINT ticket_photo_position_ck CHECK (position IN ('FRONT', 'SIDE', 'BACK'))
);
