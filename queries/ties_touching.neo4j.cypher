// Every tie that touches one of these nodes, with its ends' labels.
// params: ids
// Neo4j: type(r) and labels(x)[0] stand for LadybugDB's label(r) and label(x).
MATCH (a)-[r]->(b) WHERE a.id IN $ids OR b.id IN $ids
RETURN type(r) AS type, a.id AS source, b.id AS target, labels(a)[0] AS source_label,
       labels(b)[0] AS target_label
