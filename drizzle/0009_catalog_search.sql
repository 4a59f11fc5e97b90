-- Reserved for the catalog search index (issue 22); a no-op until then.
SELECT 1;
