-- Reserved for the default content pages (issue 22); a no-op until then.
SELECT 1;
