// Every node with its label and properties: the projection to networkx reads this.
// Ordered by id so a projection, and every seeded analysis of it, is the same each time.
// Neo4j: labels(n)[0] and properties(n) stand for LadybugDB's label(n) and node value.
MATCH (n) WHERE n.id IS NOT NULL RETURN labels(n)[0] AS label, properties(n) AS props
ORDER BY n.id
