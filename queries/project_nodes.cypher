// Every node with its label and properties: the projection to networkx reads this.
// Ordered by id so a projection, and every seeded analysis of it, is the same each time.
MATCH (n) WHERE n.id IS NOT NULL RETURN label(n) AS label, n AS props ORDER BY n.id
