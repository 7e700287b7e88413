-- Staff queues per department and role (APP-3): who a case waits for, written with every
-- change of state or step: 'any' (the department's handlers: pre-check, hand-over), a role
-- of the current review step ('reviewer', 'window_clerk'…), 'applicant', or 'none'.
-- Cases from before this column wait for 'any', as every case did.
ALTER TABLE cases ADD COLUMN waiting_on TEXT NOT NULL DEFAULT 'any';
