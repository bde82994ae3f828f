// Every tie: source id, target id, tie type and its properties (in a fixed order).
// Neo4j: type(r) and properties(r) stand for LadybugDB's label(r) and rel value.
MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
ORDER BY source, target, type
