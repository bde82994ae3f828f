// Assets that offer a capability, with their holder and capacity.
// params: capability
// Neo4j: `$capability IN list` stands for LadybugDB's list_contains().
MATCH (h)-[:HOLDS]->(a:Asset) WHERE $capability IN a.capabilities
RETURN a.id AS asset, a.name AS name, a.capacity AS capacity, h.id AS holder ORDER BY asset
