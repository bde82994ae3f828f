// How many nodes of each kind the store holds.
MATCH (n) WHERE n.id IS NOT NULL RETURN label(n) AS kind, count(*) AS count ORDER BY kind
