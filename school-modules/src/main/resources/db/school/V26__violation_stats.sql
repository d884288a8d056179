-- The violation leaderboards (A6.5 违章人员排行榜, A6.6 违章车辆排行榜) count effective tickets of registrants by
-- registrant or by vehicle, over a period, within a department scope and for an identity. This partial index holds
-- exactly those tickets with every column the boards read, so each board is an index-only scan over the period
-- (200,000 tickets: see docs/performance.md). A revoke (by staff or an approved appeal) takes the ticket out of the
-- index in the same transaction, so no roll-up has to be kept in step.
CREATE INDEX ticket_board_idx ON ticket (issued_at)
    INCLUDE (registrant_id, vehicle_id, target_identity, department_id, managed_department_id)
    WHERE status = 'EFFECTIVE' AND target_kind = 'REGISTRANT';
