-- Staff queues per department and role (APP-3): who a case waits for, written with every
-- change of state or step: 'any' (the department's handlers: pre-check, hand-over), a role
-- of the current review step ('reviewer', 'window_clerk'…), 'applicant', or 'none'.
-- Cases from before this column wait for 'any', as every case did.
ALTER TABLE cases ADD COLUMN waiting_on TEXT NOT NULL DEFAULT 'any';
-- The queue's index carries the column, so a role's queue filters inside the index: page 1
-- still stops after 50 entries and the count stays an index-only scan.
DROP INDEX cases_queue;
CREATE INDEX cases_queue ON cases(department_id, queue_open, queue_due, submitted_at, waiting_on);
