-- Departments (部门/单位) with the department that manages them (被分管部门), and positions (职位). A3.2.
CREATE TABLE department (
    id          bigserial    PRIMARY KEY,
    name        varchar(100) NOT NULL,
    parent_id   bigint       REFERENCES department (id),
    enabled     boolean      NOT NULL DEFAULT true,
    sort_order  int          NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT department_name_uq UNIQUE (name)
);

CREATE INDEX department_parent_idx ON department (parent_id);

CREATE TABLE job_position (
    id          bigserial    PRIMARY KEY,
    name        varchar(100) NOT NULL,
    enabled     boolean      NOT NULL DEFAULT true,
    sort_order  int          NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT job_position_name_uq UNIQUE (name)
);
