-- Vehicle gates and plate events (beyond the tender: what a campus barrier with a plate camera needs).
-- Which gates are vehicle gates is kept in a table of the vehicle-gate module rather than as a column of the
-- organization module's gate table, so that each module writes only its own tables.
CREATE TABLE vehicle_gate (
    gate_id     bigint        PRIMARY KEY REFERENCES gate (id) ON DELETE CASCADE,
    marked_by   varchar(200),
    marked_at   timestamptz   NOT NULL DEFAULT now()
);

-- One plate event at a gate and the decision taken, written in the transaction that decides. The vehicle and its
-- registrant are copied as they were at the time (like access_record), so the record still reads after either
-- changes; department_id/managed_department_id carry the department data scope.
CREATE TABLE vehicle_access_record (
    id                     bigserial     PRIMARY KEY,
    plate                  varchar(64)   NOT NULL,
    direction              varchar(3)    NOT NULL,
    confidence             numeric(4, 3) NOT NULL,
    vehicle_id             bigint,
    vehicle_type           varchar(10),
    registrant_id          bigint,
    name                   varchar(50),
    number                 varchar(32),
    identity               varchar(20),
    department_id          bigint,
    managed_department_id  bigint,
    campus_id              bigint,
    gate_id                bigint        NOT NULL,
    device_key_id          varchar(64),
    -- The device's own id of the event: a device that retries after a lost answer gets the first decision back.
    event_id               varchar(64),
    allowed                boolean       NOT NULL,
    reason                 varchar(30),
    snapshot_key           varchar(200),
    event_at               timestamptz   NOT NULL,
    recorded_at            timestamptz   NOT NULL,
    CONSTRAINT vehicle_access_record_direction_ck CHECK (direction IN ('IN', 'OUT')),
    CONSTRAINT vehicle_access_record_reason_ck CHECK (allowed = (reason IS NULL))
);

CREATE UNIQUE INDEX vehicle_access_record_event_uq ON vehicle_access_record (device_key_id, event_id)
    WHERE event_id IS NOT NULL;
CREATE INDEX vehicle_access_record_time_idx ON vehicle_access_record (recorded_at DESC, id DESC);
CREATE INDEX vehicle_access_record_gate_idx ON vehicle_access_record (gate_id, recorded_at DESC, id DESC);
CREATE INDEX vehicle_access_record_plate_idx ON vehicle_access_record (plate, recorded_at DESC);
CREATE INDEX vehicle_access_record_dept_idx ON vehicle_access_record (department_id, recorded_at DESC);
CREATE INDEX vehicle_access_record_mdept_idx ON vehicle_access_record (managed_department_id, recorded_at DESC);
