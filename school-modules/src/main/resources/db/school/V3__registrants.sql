-- Registrants (备案人) and their import jobs (A4.2). Personal data: the phone is stored encrypted (AES-GCM, app key)
-- with a keyed blind index for uniqueness and lookup; lists show only the masked form.
CREATE TABLE registrant (
    id                     bigserial    PRIMARY KEY,
    name                   varchar(50)  NOT NULL,
    identity               varchar(20)  NOT NULL,
    identity_type_id       bigint,
    number                 varchar(32)  NOT NULL,
    phone_encrypted        text         NOT NULL,
    phone_index            varchar(64)  NOT NULL,
    phone_masked           varchar(11)  NOT NULL,
    id_tail                varchar(6),
    department_id          bigint       NOT NULL REFERENCES department (id),
    managed_department_id  bigint       REFERENCES department (id),
    enabled                boolean      NOT NULL DEFAULT true,
    visitor_authorized     boolean      NOT NULL DEFAULT false,
    wechat_openid          varchar(64),
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT registrant_number_uq UNIQUE (number),
    CONSTRAINT registrant_phone_uq UNIQUE (phone_index),
    CONSTRAINT registrant_openid_uq UNIQUE (wechat_openid)
);

CREATE INDEX registrant_department_idx ON registrant (department_id);
CREATE INDEX registrant_identity_idx ON registrant (identity, id DESC);

CREATE TABLE import_job (
    id             uuid         PRIMARY KEY,
    kind           varchar(30)  NOT NULL,
    status         varchar(20)  NOT NULL,
    file_name      varchar(200),
    total_rows     int          NOT NULL DEFAULT 0,
    processed_rows int          NOT NULL DEFAULT 0,
    imported_rows  int          NOT NULL DEFAULT 0,
    rejected_rows  int          NOT NULL DEFAULT 0,
    problems       text,
    problems_key   varchar(200),
    error          text,
    created_by     varchar(200) NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    finished_at    timestamptz
);

CREATE INDEX import_job_created_idx ON import_job (created_at DESC);
