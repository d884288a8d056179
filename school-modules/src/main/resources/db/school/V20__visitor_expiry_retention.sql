-- Booking expiry and visitor data retention (V1–V4 housekeeping, issue 10 item 7).

-- An invitation nobody confirmed before its window closed expires like any other booking; it never got a visitor, so
-- EXPIRED joins the statuses that may stand without one.
ALTER TABLE visitor_booking DROP CONSTRAINT visitor_booking_visitor_ck;
ALTER TABLE visitor_booking ADD CONSTRAINT visitor_booking_visitor_ck CHECK (visitor_id IS NOT NULL OR status IN (
    'PENDING_CONFIRMATION', 'CANCELLED', 'EXPIRED'));

-- The expiry job walks the bookings still waiting or in effect by day and slot (the effective-only index of V19
-- does not see the pending ones).
CREATE INDEX visitor_booking_open_idx ON visitor_booking (visit_date, slot)
    WHERE status IN ('PENDING_APPROVAL', 'APPROVED', 'PENDING_CONFIRMATION');
