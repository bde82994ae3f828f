// Every stored tie of one type with its properties (the store plans a load with it).
// params: type
// Neo4j: type(r) and properties(r) stand for LadybugDB's label(r) and rel value.
MATCH (a)-[r]->(b) WHERE type(r) = $type
RETURN a.id AS source, b.id AS target, properties(r) AS props
