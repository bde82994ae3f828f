// The stored properties of the nodes with these ids (the store plans a load with it).
// params: ids
// Neo4j: labels(n)[0] and properties(n) stand for LadybugDB's label(n) and node value.
MATCH (n) WHERE n.id IN $ids RETURN labels(n)[0] AS label, properties(n) AS props
