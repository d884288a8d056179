-- Registrant administration (A4.2): who looked at whose personal data. Viewing a registrant's whole phone number and
-- exporting personal data are recorded here (PIPL: access to personal information must be traceable).
CREATE TABLE pii_access_log (
    id            bigserial     PRIMARY KEY,
    actor         varchar(200)  NOT NULL,
    action        varchar(30)   NOT NULL,
    subject_kind  varchar(30)   NOT NULL,
    subject_id    bigint,
    detail        varchar(500),
    accessed_at   timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX pii_access_log_accessed_idx ON pii_access_log (accessed_at DESC);
CREATE INDEX pii_access_log_subject_idx ON pii_access_log (subject_kind, subject_id, accessed_at DESC);

-- The department filter matches a registrant's department or the department that manages it.
CREATE INDEX registrant_managed_department_idx ON registrant (managed_department_id)
    WHERE managed_department_id IS NOT NULL;
