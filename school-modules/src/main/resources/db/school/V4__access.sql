-- Access (A4.2 f, R3, R4.4, A6.1): which gates a registrant may pass, the gate devices that verify passes, and
-- the access records every verification writes.

-- A registrant may pass exactly the gates listed here; imported people start with none.
CREATE TABLE registrant_gate_access (
    registrant_id  bigint       NOT NULL REFERENCES registrant (id) ON DELETE CASCADE,
    gate_id        bigint       NOT NULL REFERENCES gate (id),
    granted_at     timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (registrant_id, gate_id)
);

-- Deleting a gate that still has rules fails on this foreign key: the gate is in use.
CREATE INDEX registrant_gate_access_gate_idx ON registrant_gate_access (gate_id);

-- A gate device (turnstile, pass reader) verifies passes with its own credential: key id + secret (SHA-256 of a
-- 32-byte random secret; the secret itself is shown once at creation).
CREATE TABLE gate_device (
    id            bigserial    PRIMARY KEY,
    name          varchar(100) NOT NULL,
    gate_id       bigint       NOT NULL REFERENCES gate (id),
    key_id        varchar(40)  NOT NULL,
    secret_hash   varchar(64)  NOT NULL,
    enabled       boolean      NOT NULL DEFAULT true,
    created_by    varchar(200) NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    CONSTRAINT gate_device_key_uq UNIQUE (key_id)
);

CREATE INDEX gate_device_gate_idx ON gate_device (gate_id);

-- One row per verification of a known pass, allowed or denied. The person's name, identity, number and
-- departments are copied in as they were at that moment: the record stays true when the registrant is edited or
-- deleted, and the list needs no joins. Index plan (A6.1 lists newest first, filters combine):
--   passed_at alone (date range / no filter), and each selective filter leading into passed_at, so every
--   combination walks one index in passed_at order and stops after a page.
CREATE TABLE access_record (
    id                     bigserial    PRIMARY KEY,
    registrant_id          bigint       NOT NULL,
    name                   varchar(50)  NOT NULL,
    phone_masked           varchar(11)  NOT NULL,
    identity               varchar(20)  NOT NULL,
    identity_type_id       bigint,
    number                 varchar(32)  NOT NULL,
    department_id          bigint,
    managed_department_id  bigint,
    campus_id              bigint       NOT NULL,
    gate_id                bigint       NOT NULL,
    method                 varchar(10)  NOT NULL,
    allowed                boolean      NOT NULL,
    reason                 varchar(30),
    verified_by            varchar(200) NOT NULL,
    passed_at              timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX access_record_passed_idx ON access_record (passed_at DESC, id DESC);
CREATE INDEX access_record_registrant_idx ON access_record (registrant_id, passed_at DESC, id DESC);
CREATE INDEX access_record_gate_idx ON access_record (gate_id, passed_at DESC, id DESC);
CREATE INDEX access_record_department_idx ON access_record (department_id, passed_at DESC, id DESC);
CREATE INDEX access_record_managed_department_idx ON access_record (managed_department_id, passed_at DESC, id DESC)
    WHERE managed_department_id IS NOT NULL;
-- Low-cardinality filters still get their own ordered index: when the newest rows are all of another identity or
-- method (a morning of student traffic), walking passed_at alone would filter away hundreds of thousands of rows.
CREATE INDEX access_record_identity_idx ON access_record (identity, passed_at DESC, id DESC);
CREATE INDEX access_record_method_idx ON access_record (method, passed_at DESC, id DESC);
CREATE INDEX access_record_denied_idx ON access_record (passed_at DESC, id DESC) WHERE NOT allowed;
