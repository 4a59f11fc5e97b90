CREATE TABLE `batch_guards` (
	`name` text NOT NULL,
	`holds` integer
);
--> statement-breakpoint
-- A guard that holds is dropped (RAISE(IGNORE) skips the insert); one that fails (0 or NULL) aborts
-- the statement and so the batch or transaction it runs in, with the guard's own name as the
-- message. RAISE takes only a literal, so each name has its branch (lib/db/guards.ts GUARD_NAMES).
-- The CASE is in parentheses so that no statement in the body ends in END: a dump's reader
-- (lib/exports/backup/sql-dump.ts) ends a trigger at the first `END;`.
CREATE TRIGGER `batch_guards_check` BEFORE INSERT ON `batch_guards`
BEGIN
	SELECT (CASE
		WHEN coalesce(NEW.holds, 0) THEN RAISE(IGNORE)
		WHEN NEW.name = 'event' THEN RAISE(ABORT, 'guard:event')
		WHEN NEW.name = 'order' THEN RAISE(ABORT, 'guard:order')
		WHEN NEW.name = 'stock' THEN RAISE(ABORT, 'guard:stock')
		WHEN NEW.name = 'discount' THEN RAISE(ABORT, 'guard:discount')
		WHEN NEW.name = 'cart_line' THEN RAISE(ABORT, 'guard:cart_line')
		ELSE RAISE(ABORT, 'guard:unnamed')
	END);
END;
