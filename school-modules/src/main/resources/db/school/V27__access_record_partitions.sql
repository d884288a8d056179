-- Access records partitioned by month (issue 11 item 7): a school with ten million records keeps its list and home
-- counts fast, and retention drops whole months instead of deleting rows.
--
-- Month boundaries are Asia/Shanghai months (the school's calendar, China has one zone): the partition of December
-- 2026 holds passed_at in ['2026-12-01 00:00+08', '2027-01-01 00:00+08'). Bounds are timestamptz literals with the
-- explicit +08 offset, so they do not depend on the session's TimeZone. Partitions are named
-- access_record_yYYYYmMM; access_record_default takes any row outside every month partition (a clock far off, a
-- back-dated import) and the access module's partition maintenance (AccessRecordPartitions) moves such rows into
-- their month's partition when it creates it.
--
-- Runs once per school schema, on empty and populated schemas alike: the old table is renamed, the new partitioned
-- table takes over the name and the id sequence (ids continue), partitions are created for every month that holds
-- a record and for the current and next three months, rows are copied, then the primary key and the V4 indexes are
-- built as partitioned indexes (faster than maintaining them during the copy), and the old table is dropped. No
-- foreign key points at access_record. Rows of a large school are copied inside this migration's transaction; on
-- a school with millions of records plan the upgrade window for it (about a minute per few million rows).

ALTER TABLE access_record RENAME TO access_record_unpartitioned;
ALTER SEQUENCE access_record_id_seq OWNED BY NONE;
ALTER TABLE access_record_unpartitioned ALTER COLUMN id DROP DEFAULT;
ALTER TABLE access_record_unpartitioned DROP CONSTRAINT access_record_pkey;
DROP INDEX access_record_passed_idx, access_record_registrant_idx, access_record_gate_idx,
    access_record_department_idx, access_record_managed_department_idx, access_record_identity_idx,
    access_record_method_idx, access_record_denied_idx;

CREATE TABLE access_record (
    id                     bigint       NOT NULL DEFAULT nextval('access_record_id_seq'),
    registrant_id          bigint,
    name                   varchar(50),
    phone_masked           varchar(11),
    identity               varchar(20),
    identity_type_id       bigint,
    number                 varchar(32),
    department_id          bigint,
    managed_department_id  bigint,
    campus_id              bigint,
    gate_id                bigint,
    method                 varchar(10)  NOT NULL,
    allowed                boolean      NOT NULL,
    reason                 varchar(30),
    verified_by            varchar(200) NOT NULL,
    passed_at              timestamptz  NOT NULL DEFAULT now()
) PARTITION BY RANGE (passed_at);

ALTER SEQUENCE access_record_id_seq OWNED BY access_record.id;

CREATE TABLE access_record_default PARTITION OF access_record DEFAULT;

DO $$
DECLARE
    this_month date := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date;
    m          date;
BEGIN
    -- Every month that holds a record (one scan of the old table), plus the current and next three months: a
    -- school whose first record is years old gets no empty partitions for the months it was idle.
    FOR m IN
        SELECT DISTINCT date_trunc('month', passed_at AT TIME ZONE 'Asia/Shanghai')::date FROM access_record_unpartitioned
        UNION
        SELECT generate_series(this_month, this_month + interval '3 months', interval '1 month')::date
    LOOP
        EXECUTE format(
            'CREATE TABLE %I PARTITION OF access_record FOR VALUES FROM (%L) TO (%L)',
            'access_record_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM'),
            to_char(m, 'YYYY-MM-DD') || ' 00:00:00+08',
            to_char(m + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+08');
    END LOOP;
END
$$;

INSERT INTO access_record (id, registrant_id, name, phone_masked, identity, identity_type_id, number,
    department_id, managed_department_id, campus_id, gate_id, method, allowed, reason, verified_by, passed_at)
SELECT id, registrant_id, name, phone_masked, identity, identity_type_id, number,
    department_id, managed_department_id, campus_id, gate_id, method, allowed, reason, verified_by, passed_at
FROM access_record_unpartitioned;

DROP TABLE access_record_unpartitioned;

-- A unique constraint on a partitioned table must include the partition key; ids still come from one sequence,
-- so id alone stays unique in practice.
ALTER TABLE access_record ADD CONSTRAINT access_record_pkey PRIMARY KEY (id, passed_at);

-- The V4 index plan, now partitioned indexes: each partition carries its own copy, and partitions created later
-- get them automatically.
CREATE INDEX access_record_passed_idx ON access_record (passed_at DESC, id DESC);
CREATE INDEX access_record_registrant_idx ON access_record (registrant_id, passed_at DESC, id DESC);
CREATE INDEX access_record_gate_idx ON access_record (gate_id, passed_at DESC, id DESC);
CREATE INDEX access_record_department_idx ON access_record (department_id, passed_at DESC, id DESC);
CREATE INDEX access_record_managed_department_idx ON access_record (managed_department_id, passed_at DESC, id DESC)
    WHERE managed_department_id IS NOT NULL;
CREATE INDEX access_record_identity_idx ON access_record (identity, passed_at DESC, id DESC);
CREATE INDEX access_record_method_idx ON access_record (method, passed_at DESC, id DESC);
CREATE INDEX access_record_denied_idx ON access_record (passed_at DESC, id DESC) WHERE NOT allowed;

ANALYZE access_record;
