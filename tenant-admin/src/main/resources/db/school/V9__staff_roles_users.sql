-- Roles (A3.6) and staff users (A3.3). The realm is the authority on accounts, credentials and who holds which
-- realm role; these tables hold what the school decides about them: each role's name, status, data scope and
-- permissions, and each user's position and the departments they run. staff_user mirrors the realm's accounts for
-- the console's list (filters and paging at thousands of users) and is written through by the users API.
CREATE TABLE staff_role (
    id          bigserial    PRIMARY KEY,
    realm_role  varchar(64)  NOT NULL,
    name        varchar(50)  NOT NULL,
    description varchar(200) NOT NULL DEFAULT '',
    data_scope  varchar(16)  NOT NULL,
    enabled     boolean      NOT NULL DEFAULT true,
    seeded      varchar(32),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    updated_by  varchar(100),
    CONSTRAINT staff_role_realm_role_uq UNIQUE (realm_role),
    CONSTRAINT staff_role_name_uq UNIQUE (name),
    CONSTRAINT staff_role_seeded_uq UNIQUE (seeded),
    CONSTRAINT staff_role_scope_ck CHECK (data_scope IN ('SCHOOL', 'DEPARTMENTS', 'OWN'))
);

CREATE TABLE staff_role_permission (
    role_id    bigint       NOT NULL REFERENCES staff_role (id) ON DELETE CASCADE,
    permission varchar(100) NOT NULL,
    PRIMARY KEY (role_id, permission)
);

-- Permissions this school has been offered. A permission new to the school is granted once to the seeded roles
-- that receive it by default; an administrator's later change is never undone.
CREATE TABLE known_permission (
    permission varchar(100) PRIMARY KEY,
    first_seen timestamptz  NOT NULL DEFAULT now()
);

INSERT INTO staff_role (realm_role, name, description, data_scope, seeded) VALUES
    ('school-admin', '学校管理员', '全部权限，不可停用或删除', 'SCHOOL', 'SCHOOL_ADMIN'),
    ('security-officer', '保卫处', '保卫处工作人员', 'SCHOOL', 'SECURITY_OFFICER'),
    ('department-admin', '部门管理员', '管理所负责部门的人员与记录', 'DEPARTMENTS', 'DEPARTMENT_ADMIN'),
    ('gate-guard', '门岗', '门岗核验通行码', 'OWN', 'GATE_GUARD');

CREATE TABLE staff_user (
    id          varchar(64)  PRIMARY KEY,
    username    varchar(100) NOT NULL,
    name        varchar(50)  NOT NULL DEFAULT '',
    phone       varchar(20),
    position_id bigint       REFERENCES job_position (id),
    enabled     boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    updated_by  varchar(100),
    CONSTRAINT staff_user_username_uq UNIQUE (username),
    CONSTRAINT staff_user_phone_uq UNIQUE (phone)
);

CREATE TABLE staff_user_role (
    user_id varchar(64) NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
    role_id bigint      NOT NULL REFERENCES staff_role (id),
    PRIMARY KEY (user_id, role_id)
);

CREATE INDEX staff_user_role_role_idx ON staff_user_role (role_id);

-- The departments a user runs: a department administrator's data scope.
CREATE TABLE staff_user_department (
    user_id       varchar(64) NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
    department_id bigint      NOT NULL REFERENCES department (id),
    PRIMARY KEY (user_id, department_id)
);

CREATE INDEX staff_user_department_department_idx ON staff_user_department (department_id);
