// Assets that offer a capability, with their holder and capacity.
// params: capability
MATCH (h)-[:HOLDS]->(a:Asset) WHERE list_contains(a.capabilities, $capability)
RETURN a.id AS asset, a.name AS name, a.capacity AS capacity, h.id AS holder ORDER BY asset
