-- Indexes for searches scoped to a region subtree or a department (the audit log of a
-- supervisor or department admin; departments of a district). Queries use code ranges
-- (code >= '5116' AND code < '5116:'), which these indexes serve on both databases.
CREATE INDEX audit_log_region ON audit_log(region_code, at);
CREATE INDEX audit_log_department ON audit_log(department_id, at);
CREATE INDEX departments_region ON departments(region_code, name);
