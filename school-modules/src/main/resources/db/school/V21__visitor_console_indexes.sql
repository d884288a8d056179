-- Console statistics over visitor bookings (A6.3 department statistics, A6.4 leaderboard, A2 trend and recent
-- visitors). V19's stats index leads with the date and serves short ranges (today, 7 / 30 days, a month). These serve
-- the long ones ("all", a custom year) without a hash over every row: each is read in group order, so the plan is an
-- index-only scan feeding a streaming GroupAggregate, and the visibility map keeps it off the heap.

-- A6.3: per host department, the statuses and party sizes of a date range.
CREATE INDEX visitor_booking_department_stats_idx ON visitor_booking (host_department_id, visit_date)
    INCLUDE (status, companion_count);

-- A6.4: per visitor, the statuses of a date range (unconfirmed invitations have no visitor and never rank).
CREATE INDEX visitor_booking_visitor_stats_idx ON visitor_booking (visitor_id, visit_date)
    INCLUDE (status) WHERE visitor_id IS NOT NULL;

-- A2 recent visitors: the latest visits first.
CREATE INDEX visitor_booking_visited_idx ON visitor_booking (visited_at DESC, id DESC) WHERE visited_at IS NOT NULL;
