-- The default content pages: starting text the owner reviews and edits in the admin (Pages). OR IGNORE
-- leaves alone a page the database already holds under the same slug.
INSERT OR IGNORE INTO `content_pages` (`slug`, `title`, `body`, `is_published`, `position`) VALUES ('about', 'About', '> **Review this page before you open the shop.** It is starting text written for a small hand-dyed yarn shop: change anything that is not true of yours, then delete this note.

We are a small dye studio in the UK. Every skein is dyed by hand, a few at a time, in pots on our own stove, and dried on a rack by the window.

## How we dye

We start from undyed wool and wool blends bought from mills we trust, and dye them with acid dyes that are fixed with heat and rinsed until the water runs clear. Because each batch is dyed by hand, no two dye lots are quite the same: if a project needs several skeins, buy them together so they come from one pot.

## Colours

Our colours come from walks along the lanes near the studio: hawthorn and sloe in autumn, moss and lichen in winter, gorse and bluebells in spring. New colourways arrive in small batches, and once a batch is gone it may not come back exactly the same.

## Get in touch

Questions about a colour, a yarn base or an order? Write to us at the address at the bottom of every page and we will answer within two working days.', 1, 0);
--> statement-breakpoint
INSERT OR IGNORE INTO `content_pages` (`slug`, `title`, `body`, `is_published`, `position`) VALUES ('shipping-returns', 'Shipping & returns', '> **Review this page before you open the shop.** It is starting text: check every price, time and promise against your own shipping rates and routine, then delete this note.

## Dispatch

We dye in small batches and pack orders by hand. Most orders leave the studio within **3 working days** of payment. If something you ordered needs dyeing again, we will tell you by email before we take longer.

## Delivery

- **UK:** Royal Mail, usually 2 to 4 working days after dispatch.
- **Europe and the rest of the world:** tracked international post, usually 5 to 15 working days after dispatch.

Shipping costs are worked out at checkout from the weight of your order and where it is going. Orders sent outside the UK may be charged import duty or VAT by the destination country; these charges are paid by the recipient.

When your parcel leaves us you get an email with the carrier and, where there is one, a tracking link.

## Returns

You can cancel an order and return it for any reason within **14 days** of receiving it (see our Terms for how). Please send items back unused, unwound and in their original condition. Once we receive them we refund the price of the goods and the standard delivery cost you paid, within 14 days. You pay for the return postage unless the item was faulty or we sent the wrong thing.

## Faulty or wrong items

If a skein arrives damaged, faulty or not what you ordered, write to us with your order number and a photo within 30 days. We will replace it or refund it in full, including return postage. This does not affect your statutory rights.

## Colour differences

Hand-dyed yarn varies from skein to skein and screens show colour differently. A difference in shade from the photos is part of hand-dyeing and is not a fault, but you can still return it within 14 days.', 1, 1);
--> statement-breakpoint
INSERT OR IGNORE INTO `content_pages` (`slug`, `title`, `body`, `is_published`, `position`) VALUES ('privacy', 'Privacy', '> **Review this page before you open the shop.** It is starting text describing what this shop''s software keeps. Check it against how you actually work (for example, whether you keep a mailing list or use other services), add your contact details, then delete this note.

This notice explains what personal information we keep when you shop with us, why, and for how long. We are the data controller; our business name and address are shown at the bottom of every page.

## What we keep

- **Your order:** your name, email address, delivery address, phone number if you give one, what you bought and what you paid. We need these to deliver your order, answer questions about it and meet our legal duties (for example, keeping accounts).
- **Your email address** for messages about your order: the confirmation and the shipping notice. We only send you marketing emails if you ask for them, and you can stop them at any time.
- **Payments** are handled by Stripe. You enter your card details on Stripe''s payment page; we never see or store your card number. Stripe tells us whether a payment succeeded and gives us a reference we use for refunds. Stripe''s own privacy notice explains what it keeps.
- **Your basket:** a cookie holding a random reference to your cart, so the shop remembers what is in it.

## Visitor statistics

We count visits to the shop without tracking you. Your browser gets a first-party cookie holding a random number and the date; it expires at midnight, so one day''s visit is never linked to the next. We do not record your IP address or browser details for statistics, and we use no advertising or third-party analytics cookies.

## Who else sees it

We share your details only with the services that help us run the shop: Stripe for payments, our email provider to send order emails, our hosting provider, and the carrier delivering your parcel (your name and address). We never sell your information.

## How long we keep it

We keep order records for six years, as UK tax law requires. If you ask us to delete your details, we remove your name, email and addresses from your customer record and any unfinished checkouts; completed orders are kept for our accounts.

## Your rights

Under UK data protection law you can ask to see the information we hold about you, ask us to correct or delete it, or object to how we use it. Write to us at the email address at the bottom of every page. If you are unhappy with our answer you can complain to the Information Commissioner''s Office (ico.org.uk).', 1, 2);
--> statement-breakpoint
INSERT OR IGNORE INTO `content_pages` (`slug`, `title`, `body`, `is_published`, `position`) VALUES ('terms', 'Terms', '> **Review this page before you open the shop.** It is starting text for a small UK shop selling to consumers; it is not legal advice. Check it against how you trade, then delete this note. Your trader details (set in Settings) are added at the end of this page.

These terms apply to every order placed on this website. Please read them before you buy.

## Orders

When you place an order we send you an email confirming it. The contract between us starts when we send that confirmation. If we cannot supply something you ordered (for example, because a dye lot sold out), we will tell you and refund you in full.

## Prices and payment

Prices are shown in pounds sterling and include VAT where it applies. Delivery costs are shown at checkout before you pay. Payment is taken by card through Stripe when you place your order.

## Colours

Our yarn is dyed by hand, so colours vary between dye lots and from the photos on screen. Buy all the skeins for one project in the same order.

## Your right to cancel

Under the Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013 you have the right to cancel your order, for any reason, within **14 days** of the day you (or someone you name) receive the goods.

To cancel, tell us clearly, for example by email to the address at the bottom of this page, before the 14 days run out. You then have a further 14 days to send the goods back to us. We refund the price of the goods and the standard delivery cost you paid within 14 days of receiving them back (or of your proof that you sent them, if earlier), using the same payment method. You pay the cost of returning the goods. We may reduce the refund if the goods have been handled more than was needed to check them (for example, wound or knitted).

## Faulty goods

Your statutory rights under the Consumer Rights Act 2015 are not affected: if goods are faulty, not as described or not fit for purpose you are entitled to a repair, replacement or refund.

## Delivery

We aim to send orders as our Shipping & returns page describes. The goods are your responsibility once they are delivered to the address you gave us.

## Our liability

We are responsible for loss or damage you suffer that is a foreseeable result of our breaking these terms or failing to use reasonable care. We are not responsible for loss that was not foreseeable, or for business losses.

## Law

These terms are governed by the law of England and Wales. If you live in Scotland or Northern Ireland you may also bring proceedings in your local courts.', 1, 3);
