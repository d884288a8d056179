-- Roll-ups of closed days for every visitor statistic (A6.3 departments, A6.4 leaderboard, A2 trend, S3.1–S3.4 staff
-- portal), issue 11 item 7. A statistic reads the roll-up rows of the days up to a watermark (closed_through) plus
-- the raw rows after it, in ONE statement (one snapshot), so its numbers equal the straightforward SQL over
-- visitor_booking / visitor_access_record:
--   * VisitorStatsRollups closes days (yesterday and before) about once a minute: under a SHARE lock of the raw
--     table (writers in flight finish first, new ones wait a few ms) it adds the days' rows and moves the watermark.
--   * Triggers keep closed days exact when a row of a closed day is written later (expiry after midnight, a late
--     status change, retention, a test clock in the past): the delta is applied in the writer's transaction.
--   Rows of open days (today, the future) never touch a roll-up row, so concurrent bookings do not queue on a hot
--   (day, department) row; only writes to already-closed days do, and those are rare (expiry batches).
-- Bookings and gate visits have separate watermarks so that the closing job locks one raw table at a time (a gate
-- verification writes visitor_access_record then visitor_booking; retention the other way round).

CREATE TABLE visitor_stats_state (
    name            varchar(10) PRIMARY KEY,
    closed_through  date        NOT NULL,
    CONSTRAINT visitor_stats_state_name_ck CHECK (name IN ('booking', 'gate'))
);

-- Per visit date and host department: all bookings; 应到 (APPROVED, VISITED, EXPIRED); 实到 (VISITED). People are the
-- visitor and the companions (1 + companion_count).
CREATE TABLE visitor_stats_day (
    visit_date          date    NOT NULL,
    host_department_id  bigint,
    bookings            bigint  NOT NULL,
    people              bigint  NOT NULL,
    expected            bigint  NOT NULL,
    expected_people     bigint  NOT NULL,
    visited             bigint  NOT NULL,
    visited_people      bigint  NOT NULL,
    CONSTRAINT visitor_stats_day_uq UNIQUE NULLS NOT DISTINCT (visit_date, host_department_id)
);
CREATE INDEX visitor_stats_day_department_idx ON visitor_stats_day (host_department_id, visit_date);

-- Per visitor, all closed days (A6.4 / S3.3 "全部"): visits (VISITED) and bookings (any status; only bookings with a
-- visitor). The first table ranks the whole school by one index read; the second serves department administrators.
CREATE TABLE visitor_stats_visitor (
    visitor_id  bigint  PRIMARY KEY,
    visits      bigint  NOT NULL,
    bookings    bigint  NOT NULL
);
CREATE INDEX visitor_stats_visitor_rank_idx ON visitor_stats_visitor (visits DESC, bookings DESC, visitor_id);

CREATE TABLE visitor_stats_visitor_department (
    host_department_id  bigint,
    visitor_id          bigint  NOT NULL,
    visits              bigint  NOT NULL,
    bookings            bigint  NOT NULL,
    CONSTRAINT visitor_stats_visitor_department_uq UNIQUE NULLS NOT DISTINCT (host_department_id, visitor_id)
);

-- Per Shanghai day of passing, gate and host department (S3.4): bookings with at least one allowed visitor access
-- record at that gate that day (a booking passing twice the same day at the same gate counts once) and their people.
CREATE TABLE visitor_stats_gate_day (
    day                 date    NOT NULL,
    gate_id             bigint  NOT NULL,
    host_department_id  bigint,
    bookings            bigint  NOT NULL,
    people              bigint  NOT NULL,
    CONSTRAINT visitor_stats_gate_day_uq UNIQUE NULLS NOT DISTINCT (day, gate_id, host_department_id)
);

-- A booking's contribution to the roll-ups, added with sign +1 or -1 (the day must be closed; the caller checks).
CREATE FUNCTION visitor_stats_apply_booking(r visitor_booking, sign int) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    p bigint := 1 + r.companion_count;
    e int := CASE WHEN r.status IN ('APPROVED', 'VISITED', 'EXPIRED') THEN 1 ELSE 0 END;
    v int := CASE WHEN r.status = 'VISITED' THEN 1 ELSE 0 END;
BEGIN
    INSERT INTO visitor_stats_day AS t (visit_date, host_department_id, bookings, people, expected, expected_people,
                                        visited, visited_people)
    VALUES (r.visit_date, r.host_department_id, sign, sign * p, sign * e, sign * e * p, sign * v, sign * v * p)
    ON CONFLICT ON CONSTRAINT visitor_stats_day_uq DO UPDATE SET
        bookings = t.bookings + EXCLUDED.bookings,
        people = t.people + EXCLUDED.people,
        expected = t.expected + EXCLUDED.expected,
        expected_people = t.expected_people + EXCLUDED.expected_people,
        visited = t.visited + EXCLUDED.visited,
        visited_people = t.visited_people + EXCLUDED.visited_people;
    IF r.visitor_id IS NOT NULL THEN
        INSERT INTO visitor_stats_visitor AS t (visitor_id, visits, bookings)
        VALUES (r.visitor_id, sign * v, sign)
        ON CONFLICT (visitor_id) DO UPDATE SET
            visits = t.visits + EXCLUDED.visits, bookings = t.bookings + EXCLUDED.bookings;
        INSERT INTO visitor_stats_visitor_department AS t (host_department_id, visitor_id, visits, bookings)
        VALUES (r.host_department_id, r.visitor_id, sign * v, sign)
        ON CONFLICT ON CONSTRAINT visitor_stats_visitor_department_uq DO UPDATE SET
            visits = t.visits + EXCLUDED.visits, bookings = t.bookings + EXCLUDED.bookings;
    END IF;
END
$$;

CREATE FUNCTION visitor_stats_booking_trigger() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    wm date;
    gate_wm date;
BEGIN
    SELECT closed_through INTO wm FROM visitor_stats_state WHERE name = 'booking';
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.visit_date <= wm THEN
        PERFORM visitor_stats_apply_booking(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.visit_date <= wm THEN
        PERFORM visitor_stats_apply_booking(NEW, 1);
    END IF;
    -- The gate roll-up counts a booking's people: follow a change of the party size on closed gate days.
    IF TG_OP = 'UPDATE' AND NEW.companion_count <> OLD.companion_count THEN
        SELECT closed_through INTO gate_wm FROM visitor_stats_state WHERE name = 'gate';
        UPDATE visitor_stats_gate_day g SET people = g.people + (NEW.companion_count - OLD.companion_count)
        FROM (SELECT DISTINCT r.gate_id, r.host_department_id,
                     (r.passed_at AT TIME ZONE 'Asia/Shanghai')::date AS day
              FROM visitor_access_record r WHERE r.booking_id = NEW.id AND r.allowed) x
        WHERE x.day <= gate_wm AND g.day = x.day AND g.gate_id = x.gate_id
          AND g.host_department_id IS NOT DISTINCT FROM x.host_department_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER visitor_booking_stats AFTER INSERT OR DELETE OR UPDATE OF visit_date, host_department_id, status,
    companion_count, visitor_id ON visitor_booking FOR EACH ROW EXECUTE FUNCTION visitor_stats_booking_trigger();

-- An allowed record adds its booking to the (day, gate) unless another allowed record of the booking already counts
-- there; removing the last one takes it out. sign +1 for a record that arrived, -1 for one that left.
CREATE FUNCTION visitor_stats_apply_pass(r visitor_access_record, sign int) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    d date := (r.passed_at AT TIME ZONE 'Asia/Shanghai')::date;
    p bigint;
BEGIN
    IF NOT r.allowed OR d > (SELECT closed_through FROM visitor_stats_state WHERE name = 'gate') THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM visitor_access_record o
               WHERE o.booking_id = r.booking_id AND o.id <> r.id AND o.allowed AND o.gate_id = r.gate_id
                 AND o.passed_at >= (d::timestamp AT TIME ZONE 'Asia/Shanghai')
                 AND o.passed_at < ((d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) THEN
        RETURN;
    END IF;
    SELECT 1 + b.companion_count INTO p FROM visitor_booking b WHERE b.id = r.booking_id;
    INSERT INTO visitor_stats_gate_day AS t (day, gate_id, host_department_id, bookings, people)
    VALUES (d, r.gate_id, r.host_department_id, sign, sign * p)
    ON CONFLICT ON CONSTRAINT visitor_stats_gate_day_uq DO UPDATE SET
        bookings = t.bookings + EXCLUDED.bookings, people = t.people + EXCLUDED.people;
END
$$;

CREATE FUNCTION visitor_stats_pass_trigger() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM visitor_stats_apply_pass(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM visitor_stats_apply_pass(NEW, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER visitor_access_record_stats AFTER INSERT OR DELETE OR UPDATE OF booking_id, gate_id,
    host_department_id, allowed, passed_at ON visitor_access_record
    FOR EACH ROW EXECUTE FUNCTION visitor_stats_pass_trigger();

-- Closes the booking days after the watermark up to `through` (a no-op when already closed). Returns the days closed.
CREATE FUNCTION visitor_stats_close_bookings(through date) RETURNS int
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    wm date;
BEGIN
    SELECT closed_through INTO wm FROM visitor_stats_state WHERE name = 'booking' FOR UPDATE;
    IF through <= wm THEN
        RETURN 0;
    END IF;
    -- Writers in flight finish first (their rows of these days were not counted by the trigger); writers that
    -- come after see the new watermark and count themselves.
    LOCK TABLE visitor_booking IN SHARE MODE;
    INSERT INTO visitor_stats_day AS t (visit_date, host_department_id, bookings, people, expected, expected_people,
                                        visited, visited_people)
    SELECT b.visit_date, b.host_department_id, count(*), sum(1 + b.companion_count),
           count(*) FILTER (WHERE b.status IN ('APPROVED', 'VISITED', 'EXPIRED')),
           coalesce(sum(1 + b.companion_count) FILTER (WHERE b.status IN ('APPROVED', 'VISITED', 'EXPIRED')), 0),
           count(*) FILTER (WHERE b.status = 'VISITED'),
           coalesce(sum(1 + b.companion_count) FILTER (WHERE b.status = 'VISITED'), 0)
    FROM visitor_booking b WHERE b.visit_date > wm AND b.visit_date <= through
    GROUP BY b.visit_date, b.host_department_id
    ON CONFLICT ON CONSTRAINT visitor_stats_day_uq DO UPDATE SET
        bookings = t.bookings + EXCLUDED.bookings,
        people = t.people + EXCLUDED.people,
        expected = t.expected + EXCLUDED.expected,
        expected_people = t.expected_people + EXCLUDED.expected_people,
        visited = t.visited + EXCLUDED.visited,
        visited_people = t.visited_people + EXCLUDED.visited_people;
    INSERT INTO visitor_stats_visitor AS t (visitor_id, visits, bookings)
    SELECT b.visitor_id, count(*) FILTER (WHERE b.status = 'VISITED'), count(*)
    FROM visitor_booking b WHERE b.visitor_id IS NOT NULL AND b.visit_date > wm AND b.visit_date <= through
    GROUP BY b.visitor_id
    ON CONFLICT (visitor_id) DO UPDATE SET
        visits = t.visits + EXCLUDED.visits, bookings = t.bookings + EXCLUDED.bookings;
    INSERT INTO visitor_stats_visitor_department AS t (host_department_id, visitor_id, visits, bookings)
    SELECT b.host_department_id, b.visitor_id, count(*) FILTER (WHERE b.status = 'VISITED'), count(*)
    FROM visitor_booking b WHERE b.visitor_id IS NOT NULL AND b.visit_date > wm AND b.visit_date <= through
    GROUP BY b.host_department_id, b.visitor_id
    ON CONFLICT ON CONSTRAINT visitor_stats_visitor_department_uq DO UPDATE SET
        visits = t.visits + EXCLUDED.visits, bookings = t.bookings + EXCLUDED.bookings;
    UPDATE visitor_stats_state SET closed_through = through WHERE name = 'booking';
    RETURN through - wm;
END
$$;

-- Closes the gate days (Shanghai days of passed_at) after the gate watermark up to `through`.
CREATE FUNCTION visitor_stats_close_gates(through date) RETURNS int
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    wm date;
BEGIN
    SELECT closed_through INTO wm FROM visitor_stats_state WHERE name = 'gate' FOR UPDATE;
    IF through <= wm THEN
        RETURN 0;
    END IF;
    LOCK TABLE visitor_access_record IN SHARE MODE;
    INSERT INTO visitor_stats_gate_day AS t (day, gate_id, host_department_id, bookings, people)
    SELECT x.day, x.gate_id, x.host_department_id, count(*), sum(1 + b.companion_count)
    FROM (SELECT DISTINCT r.booking_id, r.gate_id, r.host_department_id,
                 (r.passed_at AT TIME ZONE 'Asia/Shanghai')::date AS day
          FROM visitor_access_record r
          WHERE r.allowed AND r.passed_at >= ((wm + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND r.passed_at < ((through + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) x
    JOIN visitor_booking b ON b.id = x.booking_id
    GROUP BY x.day, x.gate_id, x.host_department_id
    ON CONFLICT ON CONSTRAINT visitor_stats_gate_day_uq DO UPDATE SET
        bookings = t.bookings + EXCLUDED.bookings, people = t.people + EXCLUDED.people;
    UPDATE visitor_stats_state SET closed_through = through WHERE name = 'gate';
    RETURN through - wm;
END
$$;

-- Rebuilds every roll-up from the raw rows, closed through `through` (the back-fill below; a bulk load that
-- bypassed the triggers, as the statistics benchmark does).
CREATE FUNCTION visitor_stats_rebuild(through date) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    LOCK TABLE visitor_booking, visitor_access_record IN SHARE MODE;
    DELETE FROM visitor_stats_day;
    DELETE FROM visitor_stats_visitor;
    DELETE FROM visitor_stats_visitor_department;
    DELETE FROM visitor_stats_gate_day;
    INSERT INTO visitor_stats_state (name, closed_through) VALUES ('booking', DATE '2000-01-01'),
        ('gate', DATE '2000-01-01')
    ON CONFLICT (name) DO UPDATE SET closed_through = DATE '2000-01-01';
    PERFORM visitor_stats_close_bookings(through);
    PERFORM visitor_stats_close_gates(through);
END
$$;

SELECT visitor_stats_rebuild((now() AT TIME ZONE 'Asia/Shanghai')::date - 1);
