-- Vehicles (A4.3) and their registration review (A4.4). A vehicle is a motor vehicle or an e-bike registered by a
-- registrant (or by the school for one); the plate is stored in its normal form (PlateNumber) and is unique among the
-- school's vehicles that are not deleted. Deleted vehicles are kept (deleted_at) so access records and tickets that
-- name them stay readable.
CREATE TABLE vehicle (
    id                  bigserial    PRIMARY KEY,
    type                varchar(10)  NOT NULL CHECK (type IN ('MOTOR', 'EBIKE')),
    plate               varchar(16)  NOT NULL,
    owner_name          varchar(50)  NOT NULL,
    owner_relation      varchar(20)  NOT NULL,
    -- Unlinking (解除关联) or deleting the registrant leaves the vehicle without one.
    registrant_id       bigint       REFERENCES registrant (id) ON DELETE SET NULL,
    status              varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    reject_reason       varchar(200),
    reviewed_by         varchar(200),
    reviewed_at         timestamptz,
    -- Validity of an approved e-bike: long-term, or until valid_until (inclusive, school-local date).
    long_term           boolean      NOT NULL DEFAULT false,
    valid_until         date,
    enabled             boolean      NOT NULL DEFAULT true,
    label_print_count   int          NOT NULL DEFAULT 0,
    label_printed_at    timestamptz,
    licence_photo_key   varchar(200),
    vehicle_photo_key   varchar(200),
    source              varchar(10)  NOT NULL DEFAULT 'CONSOLE' CHECK (source IN ('CONSOLE', 'PORTAL', 'IMPORT')),
    submitted_at        timestamptz  NOT NULL DEFAULT now(),
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    updated_by          varchar(200),
    deleted_at          timestamptz,
    CONSTRAINT vehicle_reject_reason_ck CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL),
    CONSTRAINT vehicle_validity_ck CHECK (type = 'EBIKE' OR (long_term = false AND valid_until IS NULL))
);

CREATE UNIQUE INDEX vehicle_plate_uq ON vehicle (plate) WHERE deleted_at IS NULL;
-- The lists: newest first by type, by review status (the review queue) and by registrant (counts, the portal).
CREATE INDEX vehicle_type_idx ON vehicle (type, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX vehicle_status_idx ON vehicle (status, submitted_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX vehicle_registrant_idx ON vehicle (registrant_id) WHERE deleted_at IS NULL;
CREATE INDEX vehicle_owner_idx ON vehicle (owner_name) WHERE deleted_at IS NULL;

-- Background exports of the vehicle lists (A4.4 c): progress for the console's bar, the file in object storage.
CREATE TABLE export_job (
    id             uuid         PRIMARY KEY,
    kind           varchar(30)  NOT NULL,
    status         varchar(20)  NOT NULL,
    total_rows     int          NOT NULL DEFAULT 0,
    processed_rows int          NOT NULL DEFAULT 0,
    file_key       varchar(200),
    file_name      varchar(200),
    error          text,
    created_by     varchar(200) NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    finished_at    timestamptz
);

CREATE INDEX export_job_created_idx ON export_job (kind, created_at DESC);
