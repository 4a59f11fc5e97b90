CREATE TABLE `admin_session_revocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`session_nonce` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	CONSTRAINT "admin_session_revocations_scope" CHECK(scope IN ('session','all')),
	CONSTRAINT "admin_session_revocations_nonce" CHECK(("admin_session_revocations"."scope" = 'session') = ("admin_session_revocations"."session_nonce" IS NOT NULL)),
	CONSTRAINT "admin_session_revocations_created_at_iso" CHECK(created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
	CONSTRAINT "admin_session_revocations_expires_at_iso" CHECK(expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_session_revocations_nonce_idx` ON `admin_session_revocations` (`session_nonce`);--> statement-breakpoint
CREATE INDEX `admin_session_revocations_scope_idx` ON `admin_session_revocations` (`scope`,`created_at`);