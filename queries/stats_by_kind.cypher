// How many nodes of each kind the store holds.
MATCH (n) RETURN label(n) AS kind, count(*) AS count ORDER BY kind
