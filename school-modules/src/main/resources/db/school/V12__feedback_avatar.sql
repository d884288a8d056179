-- Registrant feedback (A3.4, R4.5) and the registrant's own avatar (R4.10).
-- Feedback types are set by the school (建议类型); a type in use cannot be deleted, only disabled.
CREATE TABLE feedback_type (
    id          bigserial     PRIMARY KEY,
    name        varchar(50)   NOT NULL,
    description varchar(500),
    enabled     boolean       NOT NULL DEFAULT true,
    sort_order  int           NOT NULL DEFAULT 0,
    updated_by  varchar(200),
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT feedback_type_name_uq UNIQUE (name)
);

-- One piece of feedback. Who sent it is kept as it was when sent (name, number, identity, departments), like an
-- access record: the list shows the sender of that day, and the department data scope filters on department_id.
CREATE TABLE feedback (
    id                     bigserial     PRIMARY KEY,
    registrant_id          bigint        NOT NULL,
    type_id                bigint        NOT NULL REFERENCES feedback_type (id),
    title                  varchar(100)  NOT NULL,
    details                varchar(2000) NOT NULL,
    name                   varchar(50)   NOT NULL,
    number                 varchar(32)   NOT NULL,
    identity               varchar(20)   NOT NULL,
    identity_type_id       bigint,
    department_id          bigint,
    managed_department_id  bigint,
    reply                  varchar(2000),
    replied_by             varchar(200),
    replied_at             timestamptz,
    created_at             timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX feedback_created_idx ON feedback (created_at DESC, id DESC);
CREATE INDEX feedback_registrant_idx ON feedback (registrant_id, created_at DESC);
CREATE INDEX feedback_department_idx ON feedback (department_id, created_at DESC);

-- Up to four images per feedback, in object storage (private; read through presigned URLs).
CREATE TABLE feedback_image (
    id            bigserial     PRIMARY KEY,
    feedback_id   bigint        NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    position      smallint      NOT NULL,
    object_key    varchar(300)  NOT NULL,
    content_type  varchar(50)   NOT NULL,
    size_bytes    bigint        NOT NULL,
    CONSTRAINT feedback_image_position_uq UNIQUE (feedback_id, position)
);

-- R4.10: the registrant's avatar and how often they changed it themselves (at most twice).
ALTER TABLE registrant ADD COLUMN avatar_key varchar(300);
ALTER TABLE registrant ADD COLUMN avatar_changes int NOT NULL DEFAULT 0;
