// The ties a source file put in the store (provenance), with their ends' labels.
// params: provenance
// Neo4j: type(r) and labels(x)[0] stand for LadybugDB's label(r) and label(x).
MATCH (a)-[r]->(b) WHERE r.provenance = $provenance
RETURN type(r) AS type, a.id AS source, b.id AS target, labels(a)[0] AS source_label,
       labels(b)[0] AS target_label
