// Every stored tie of one type with its properties (the store plans a load with it).
// params: type
MATCH (a)-[r]->(b) WHERE label(r) = $type
RETURN a.id AS source, b.id AS target, r AS props
