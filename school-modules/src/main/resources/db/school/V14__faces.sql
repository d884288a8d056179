-- Registrants' faces (R4.9, A4.5). The face module keeps its own tables: the registrant's current face (one row per
-- registrant that has one) and every change of it. Images live in the school's private object storage; a replaced
-- face's object is kept, because the update records show the old face beside the new one.
CREATE TABLE registrant_face (
    registrant_id  bigint        PRIMARY KEY REFERENCES registrant (id) ON DELETE CASCADE,
    object_key     varchar(300)  NOT NULL,
    -- ACCEPTED: passed the automatic check (the only status today; kept for a manual review later).
    status         varchar(20)   NOT NULL,
    checked_at     timestamptz   NOT NULL,
    width          int           NOT NULL,
    height         int           NOT NULL
);

CREATE TABLE face_update (
    id             bigserial     PRIMARY KEY,
    registrant_id  bigint        NOT NULL REFERENCES registrant (id) ON DELETE CASCADE,
    old_key        varchar(300),
    new_key        varchar(300)  NOT NULL,
    -- PORTAL (the registrant), CONSOLE (a staff member), IMPORT (a bulk load)
    source         varchar(20)   NOT NULL,
    operator       varchar(200)  NOT NULL,
    updated_at     timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX face_update_time_idx ON face_update (updated_at DESC, id DESC);
CREATE INDEX face_update_registrant_idx ON face_update (registrant_id, updated_at DESC);

-- Face exports (A4.5): a background job writes a zip of images with an index workbook to object storage.
CREATE TABLE face_export (
    id             uuid          PRIMARY KEY,
    status         varchar(20)   NOT NULL,
    filter         varchar(500),
    total          int           NOT NULL DEFAULT 0,
    done           int           NOT NULL DEFAULT 0,
    object_key     varchar(300),
    error          varchar(500),
    created_by     varchar(200)  NOT NULL,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    finished_at    timestamptz
);

CREATE INDEX face_export_created_idx ON face_export (created_at DESC);
