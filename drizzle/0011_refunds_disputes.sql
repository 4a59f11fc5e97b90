CREATE TABLE `disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`provider_dispute_id` text NOT NULL,
	`charge_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`evidence_due_by` text,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "disputes_amount" CHECK("disputes"."amount" >= 0),
	CONSTRAINT "disputes_status" CHECK("disputes"."status" IN ('warning_needs_response','warning_under_review','warning_closed','needs_response','under_review','won','lost','prevented')),
	CONSTRAINT "disputes_created_at_iso" CHECK(created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
	CONSTRAINT "disputes_updated_at_iso" CHECK(updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
	CONSTRAINT "disputes_evidence_due_by_iso" CHECK(evidence_due_by IS NULL OR (evidence_due_by GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')),
	CONSTRAINT "disputes_closed_at_iso" CHECK(closed_at IS NULL OR (closed_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disputes_provider_dispute_id_unique` ON `disputes` (`provider_dispute_id`);--> statement-breakpoint
CREATE INDEX `disputes_order_idx` ON `disputes` (`order_id`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`provider_refund_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`note` text,
	`lines` text DEFAULT '[]' NOT NULL,
	`failure_reason` text,
	`actor` text DEFAULT 'webhook' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "refunds_amount_positive" CHECK("refunds"."amount" > 0),
	CONSTRAINT "refunds_status" CHECK("refunds"."status" IN ('pending','requires_action','succeeded','failed','canceled')),
	CONSTRAINT "refunds_reason" CHECK("refunds"."reason" IS NULL OR "refunds"."reason" IN ('requested_by_customer','duplicate','fraudulent','other')),
	CONSTRAINT "refunds_created_at_iso" CHECK(created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
	CONSTRAINT "refunds_updated_at_iso" CHECK(updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_provider_refund_id_unique` ON `refunds` (`provider_refund_id`);--> statement-breakpoint
CREATE INDEX `refunds_order_idx` ON `refunds` (`order_id`);--> statement-breakpoint
DROP INDEX `email_outbox_order_kind_unique`;--> statement-breakpoint
CREATE INDEX `email_outbox_order_idx` ON `email_outbox` (`order_id`);--> statement-breakpoint
-- One column added in place (drizzle-kit would rebuild orders, copying a column the old table lacks):
-- SQLite checks the inline constraint against the existing rows, which all take the default.
ALTER TABLE `orders` ADD `charge_refunded_amount` integer DEFAULT 0 NOT NULL CONSTRAINT "orders_charge_refunded_amount" CHECK("charge_refunded_amount" >= 0);--> statement-breakpoint
-- Orders refunded before refunds were recorded one by one: what they show as refunded is what the
-- charge reported, so the recomputed total (lib/orders/refunded-total.ts) keeps it.
UPDATE `orders` SET `charge_refunded_amount` = `amount_refunded` WHERE `amount_refunded` > 0;
