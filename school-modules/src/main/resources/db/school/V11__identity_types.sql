-- Registrant identity types (A4.1, 身份类型): sub-types of an identity, such as 在编教师 or 外聘教师 under teacher.
-- A registrant names at most one type, of its own identity; a type in use cannot be deleted (the FK says so too).
-- Access records keep the type id they were written with; the list shows the type's current name.
CREATE TABLE identity_type (
    id          bigserial    PRIMARY KEY,
    name        varchar(50)  NOT NULL,
    identity    varchar(20)  NOT NULL,
    enabled     boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    updated_by  varchar(100),
    CONSTRAINT identity_type_name_uq UNIQUE (identity, name)
);

-- Identity types did not exist before this version, so any stored id is dangling; clear before adding the key.
UPDATE registrant SET identity_type_id = NULL WHERE identity_type_id IS NOT NULL;
ALTER TABLE registrant
    ADD CONSTRAINT registrant_identity_type_fk FOREIGN KEY (identity_type_id) REFERENCES identity_type (id);
CREATE INDEX registrant_identity_type_idx ON registrant (identity_type_id) WHERE identity_type_id IS NOT NULL;
