// The ties a source put in the store (provenance), with their ends' labels.
// A named source's rows carry "source:NAME from FILE": $provenance is "source:NAME"
// and $prefix "source:NAME from " (null for a file source; cosgraph.provenance).
// params: provenance, prefix
MATCH (a)-[r]->(b) WHERE r.provenance = $provenance
  OR r.provenance STARTS WITH $prefix
RETURN label(r) AS type, a.id AS source, b.id AS target, label(a) AS source_label,
       label(b) AS target_label
