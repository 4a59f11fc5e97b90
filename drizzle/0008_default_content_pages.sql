-- Filled in by the issue-22 work; a no-op until then.
SELECT 1;
