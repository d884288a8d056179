-- A3.2 positions and departments gain a description; campuses, gates, departments and positions record who changed
-- them last (操作人). A3.5 academic years (学年) and their terms (学期).
ALTER TABLE campus ADD COLUMN updated_by varchar(100);
ALTER TABLE gate ADD COLUMN updated_by varchar(100);
ALTER TABLE department ADD COLUMN updated_by varchar(100);
ALTER TABLE department ADD COLUMN description varchar(200);
ALTER TABLE job_position ADD COLUMN updated_by varchar(100);
ALTER TABLE job_position ADD COLUMN description varchar(200);

CREATE TABLE academic_year (
    id          bigserial    PRIMARY KEY,
    name        varchar(100) NOT NULL,
    start_date  date         NOT NULL,
    end_date    date         NOT NULL,
    enabled     boolean      NOT NULL DEFAULT true,
    sort_order  int          NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    updated_by  varchar(100),
    CONSTRAINT academic_year_name_uq UNIQUE (name),
    CONSTRAINT academic_year_dates_ck CHECK (end_date >= start_date),
    CONSTRAINT academic_year_no_overlap EXCLUDE USING gist (daterange(start_date, end_date, '[]') WITH &&)
);

-- No two terms of one year overlap (nor do two years, so a day falls in at most one term). The service checks under
-- a lock on the year row (for a clear message); the exclusion constraints are the last word. They need no extension:
-- both columns are ranges, which core PostgreSQL indexes with GiST (the year id as the one-point range [id, id]).
CREATE TABLE term (
    id               bigserial    PRIMARY KEY,
    academic_year_id bigint       NOT NULL REFERENCES academic_year (id),
    name             varchar(100) NOT NULL,
    start_date       date         NOT NULL,
    end_date         date         NOT NULL,
    enabled          boolean      NOT NULL DEFAULT true,
    sort_order       int          NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    updated_by       varchar(100),
    CONSTRAINT term_year_name_uq UNIQUE (academic_year_id, name),
    CONSTRAINT term_dates_ck CHECK (end_date >= start_date),
    CONSTRAINT term_no_overlap EXCLUDE USING gist (
        int8range(academic_year_id, academic_year_id, '[]') WITH &&,
        daterange(start_date, end_date, '[]') WITH &&)
);

CREATE INDEX term_dates_idx ON term (start_date, end_date);
