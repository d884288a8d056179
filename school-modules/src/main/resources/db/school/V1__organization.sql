-- Campuses (校区) and gates (校门) of one school. Runs inside schema school_<code>.
CREATE TABLE campus (
    id          bigserial    PRIMARY KEY,
    name        varchar(100) NOT NULL,
    address     varchar(200),
    enabled     boolean      NOT NULL DEFAULT true,
    sort_order  int          NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT campus_name_uq UNIQUE (name)
);

CREATE TABLE gate (
    id          bigserial    PRIMARY KEY,
    campus_id   bigint       NOT NULL REFERENCES campus (id),
    name        varchar(100) NOT NULL,
    enabled     boolean      NOT NULL DEFAULT true,
    sort_order  int          NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT gate_campus_name_uq UNIQUE (campus_id, name)
);

CREATE INDEX gate_campus_idx ON gate (campus_id);
