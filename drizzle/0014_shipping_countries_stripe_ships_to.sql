-- Stripe Checkout refuses these 15 destinations (lib/shipping/country-list.ts STRIPE_UNSHIPPABLE): a
-- zone saved before that list was cleaned may still name one, and a checkout to it failed at Stripe.
-- Each zone losing countries gets an audit row saying which, then the rows go.
INSERT INTO `audit_log` (`actor`, `action`, `entity_type`, `entity_id`, `data`)
SELECT 'system', 'shipping_zone.countries_removed', 'shipping_zone', CAST(`zone_id` AS TEXT),
	json_object('countries', json_group_array(`country`), 'reason', 'Stripe Checkout cannot ship there (migration 0014)')
FROM (SELECT `zone_id`, `country` FROM `shipping_zone_countries`
	WHERE `country` IN ('AS', 'CC', 'CU', 'CX', 'FM', 'HM', 'IR', 'KP', 'MH', 'MP', 'NF', 'PW', 'SY', 'UM', 'VI') ORDER BY `zone_id`, `country`)
GROUP BY `zone_id`;
--> statement-breakpoint
DELETE FROM `shipping_zone_countries` WHERE `country` IN ('AS', 'CC', 'CU', 'CX', 'FM', 'HM', 'IR', 'KP', 'MH', 'MP', 'NF', 'PW', 'SY', 'UM', 'VI');
--> statement-breakpoint
-- From now on the database refuses them too, whoever writes (an import, a script): a zone's save
-- refuses them on its field first (lib/shipping/shipping-input.ts). The list is spelled out because a
-- trigger holds literals only; lib/shipping/stripe-unshippable-rows.test.ts holds it to STRIPE_UNSHIPPABLE.
CREATE TRIGGER `shipping_zone_countries_stripe_insert` BEFORE INSERT ON `shipping_zone_countries`
WHEN NEW.`country` IN ('AS', 'CC', 'CU', 'CX', 'FM', 'HM', 'IR', 'KP', 'MH', 'MP', 'NF', 'PW', 'SY', 'UM', 'VI')
BEGIN
	SELECT RAISE(ABORT, 'stripe_unshippable_country');
END;
--> statement-breakpoint
CREATE TRIGGER `shipping_zone_countries_stripe_update` BEFORE UPDATE OF `country` ON `shipping_zone_countries`
WHEN NEW.`country` IN ('AS', 'CC', 'CU', 'CX', 'FM', 'HM', 'IR', 'KP', 'MH', 'MP', 'NF', 'PW', 'SY', 'UM', 'VI')
BEGIN
	SELECT RAISE(ABORT, 'stripe_unshippable_country');
END;
