// Every tie: source id, target id, tie type and its properties (in a fixed order).
MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, label(r) AS type, r AS props
ORDER BY source, target, type
