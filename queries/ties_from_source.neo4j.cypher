// The ties a source put in the store (provenance), with their ends' labels.
// A named source's rows carry "source:NAME from FILE": $provenance is "source:NAME"
// and $prefix "source:NAME from " (null for a file source; cosgraph.provenance).
// params: provenance, prefix
// Neo4j: type(r) and labels(x)[0] stand for LadybugDB's label(r) and label(x).
MATCH (a)-[r]->(b) WHERE r.provenance = $provenance
  OR r.provenance STARTS WITH $prefix
RETURN type(r) AS type, a.id AS source, b.id AS target, labels(a)[0] AS source_label,
       labels(b)[0] AS target_label
