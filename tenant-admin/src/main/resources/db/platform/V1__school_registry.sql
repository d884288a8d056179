-- The school registry: one row per school (tenant), never deleted so offboarded codes stay reserved.
CREATE TABLE school (
    code              varchar(30)  PRIMARY KEY,
    name              varchar(100) NOT NULL,
    status            varchar(20)  NOT NULL,
    -- Which PostgreSQL and Keycloak cluster hold the school: one of each today, the scale-out path later.
    database_cluster  varchar(50)  NOT NULL DEFAULT 'main',
    keycloak_cluster  varchar(50)  NOT NULL DEFAULT 'main',
    schema_state      varchar(20)  NOT NULL DEFAULT 'NONE',
    schema_version    varchar(50),
    schema_error      text,
    settings          jsonb        NOT NULL,
    sso               jsonb,
    wechat_app_id     varchar(64),
    wechat_secrets    text,          -- encrypted JSON {appSecret, token, aesKey}
    admin_username    varchar(100) NOT NULL,
    admin_phone       text         NOT NULL, -- encrypted
    admin_name        varchar(50),
    admin_password    text,          -- encrypted; kept only until onboarding completes, then cleared
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX school_status_idx ON school (status);
CREATE INDEX school_schema_state_idx ON school (schema_state) WHERE schema_state <> 'CURRENT';
CREATE INDEX school_lower_name_idx ON school (lower(name));

CREATE TABLE onboarding_step (
    school_code  varchar(30) NOT NULL REFERENCES school (code),
    step         varchar(20) NOT NULL,
    position     int         NOT NULL,
    state        varchar(20) NOT NULL,
    error        text,
    attempts     int         NOT NULL DEFAULT 0,
    started_at   timestamptz,
    finished_at  timestamptz,
    PRIMARY KEY (school_code, step)
);

-- Who did what to which school (operators and school admins), including views and exports of personal data.
CREATE TABLE audit_event (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        varchar(200) NOT NULL,
    school_code  varchar(30),
    action       varchar(60) NOT NULL,
    detail       text
);

CREATE INDEX audit_event_school_at_idx ON audit_event (school_code, at DESC);
