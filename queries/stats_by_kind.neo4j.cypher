// How many nodes of each kind the store holds.
// Neo4j: labels(n)[0] stands for LadybugDB's label(n).
MATCH (n) WHERE n.id IS NOT NULL RETURN labels(n)[0] AS kind, count(*) AS count ORDER BY kind
